package dev.fugong.problem.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.problem.model.ProblemStatus;

/**
 * An enterprise's difficulty: who reported it, who took it in hand, who resolved it and
 * with what answer. {@code steps} only when read one by one.
 */
public record Problem(UUID id, UUID enterpriseId, ProblemCategory category, String description, ProblemStatus status,
		UUID reportedBy, Instant reportedAt, UUID takenBy, Instant takenAt, UUID resolvedBy, Instant resolvedAt,
		String answer, Instant updatedAt, boolean overdue, List<Step> steps) {

	/** One move of the problem, with its note. */
	@Schema(name = "ProblemStep")
	public record Step(ProblemStatus from, ProblemStatus to, String note, UUID actorId, Instant at) {
	}

}
