package dev.fugong.guide.web;

import java.time.Instant;
import java.util.UUID;

import dev.fugong.guide.domain.GuideAssignment;
import dev.fugong.guide.model.Department;

/** An assignment, lasting ({@code active}) or ended. */
record AssignmentResponse(UUID id, UUID enterpriseId, UUID guideUserId, Department department, String departmentLabel,
		UUID grantId, UUID assignedBy, Instant assignedAt, UUID endedBy, Instant endedAt, boolean active) {

	static AssignmentResponse of(GuideAssignment assignment) {
		return new AssignmentResponse(assignment.id(), assignment.enterpriseId(), assignment.guideUserId(),
				assignment.department(), assignment.department().label(), assignment.grantId(), assignment.assignedBy(),
				assignment.assignedAt(), assignment.endedBy(), assignment.endedAt(), assignment.active());
	}

}
