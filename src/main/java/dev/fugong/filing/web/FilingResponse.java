package dev.fugong.filing.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.filing.domain.Filing;
import dev.fugong.filing.model.FileKind;
import dev.fugong.filing.model.FilingGuidance.Advice;
import dev.fugong.filing.model.FilingMode;
import dev.fugong.filing.model.FilingState;
import dev.fugong.filing.model.Materials;

/**
 * A filing: its state, materials, files, steps, the guidance its materials call for, and
 * the required files still missing. In notify-only mode the guidance is what the
 * enterprise gets instead of an approval.
 */
record FilingResponse(UUID id, UUID enterpriseId, FilingMode mode, FilingState state, Materials materials,
		List<Filing.FileInfo> files, List<Filing.Step> steps, List<Advice> guidance, List<FileKind> missingFiles,
		Instant submittedAt, Instant updatedAt) {

	static FilingResponse of(Filing f) {
		return new FilingResponse(f.id(), f.enterpriseId(), f.mode(), f.state(), f.materials(), f.files(), f.steps(),
				f.guidance(), f.missing(), f.submittedAt(), f.updatedAt());
	}

}
