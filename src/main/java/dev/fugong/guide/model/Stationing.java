package dev.fugong.guide.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A guide's assignment to an enterprise over time: from {@code assignedAt} until
 * {@code endedAt} (null while it lasts).
 */
public record Stationing(UUID enterpriseId, UUID guideUserId, Department department, Instant assignedAt,
		Instant endedAt) {

	/** Whether the guide was stationed there at this instant. */
	public boolean activeAt(Instant instant) {
		return !assignedAt.isAfter(instant) && (endedAt == null || endedAt.isAfter(instant));
	}

}
