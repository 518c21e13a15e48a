package dev.fugong.complaint.domain;

import java.time.Instant;
import java.util.UUID;

import dev.fugong.complaint.model.ComplaintCategory;
import dev.fugong.complaint.model.ComplaintStatus;

/**
 * A complaint as officials see it: {@code text} only when read one by one (audited), the
 * contact masked.
 */
public record Complaint(UUID id, UUID enterpriseId, ComplaintCategory category, String text, String contactMasked,
		ComplaintStatus status, String reason, UUID inspectionId, UUID handledBy, Instant createdAt,
		Instant updatedAt) {
}
