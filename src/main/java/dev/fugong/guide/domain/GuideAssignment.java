package dev.fugong.guide.domain;

import java.time.Instant;
import java.util.UUID;

import dev.fugong.guide.model.Department;
import dev.fugong.guide.model.Stationing;

/**
 * A guide stationed in an enterprise, from {@code assignedAt} until it ended (null while
 * it lasts). {@code grantId} is the GUIDE grant it holds.
 */
public record GuideAssignment(UUID id, UUID enterpriseId, UUID guideUserId, Department department, UUID grantId,
		UUID assignedBy, Instant assignedAt, UUID endedBy, Instant endedAt) {

	public boolean active() {
		return endedAt == null;
	}

	public Stationing stationing() {
		return new Stationing(enterpriseId, guideUserId, department, assignedAt, endedAt);
	}

}
