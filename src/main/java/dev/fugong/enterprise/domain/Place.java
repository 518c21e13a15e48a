package dev.fugong.enterprise.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A gate, entrance or checkpoint with its own QR code; {@code codeVersion} is bumped on
 * rotation.
 */
@Table("place")
public record Place(@Id UUID id, UUID enterpriseId, String name, PlaceKind kind, int codeVersion,
		boolean requiresDynamicCode, Instant createdAt, Instant deletedAt) {

	Place withCodeVersion(int version) {
		return new Place(id, enterpriseId, name, kind, version, requiresDynamicCode, createdAt, deletedAt);
	}

}
