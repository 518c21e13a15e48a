package dev.fugong.pass.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A printed pass card; {@code revokedAt} set means every gate refuses it. */
@Table("pass_card")
public record PassCard(@Id UUID id, UUID personId, UUID enterpriseId, UUID issuedBy, Instant createdAt,
		Instant revokedAt, UUID revokedBy) {
}
