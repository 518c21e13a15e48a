package dev.fugong.filing.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.filing.model.FileKind;
import dev.fugong.filing.model.FilingGuidance.Advice;
import dev.fugong.filing.model.FilingMode;
import dev.fugong.filing.model.FilingState;
import dev.fugong.filing.model.Materials;

/**
 * A filing with its materials, files, steps, the guidance its materials call for, and
 * which required files are still missing.
 */
public record Filing(UUID id, UUID enterpriseId, FilingMode mode, FilingState state, Materials materials,
		UUID submittedBy, Instant submittedAt, Instant updatedAt, List<FileInfo> files, List<Step> steps,
		List<Advice> guidance, List<FileKind> missing) {

	/** An uploaded file, without its content. */
	public record FileInfo(UUID id, FileKind kind, String name, String contentType, int size, Instant uploadedAt) {
	}

	/** One step of the filing's history. */
	@Schema(name = "FilingStep")
	public record Step(String action, FilingState fromState, FilingState toState, String note, UUID actorId,
			Instant at) {
	}

}
