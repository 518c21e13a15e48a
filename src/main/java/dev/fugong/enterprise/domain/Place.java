package dev.fugong.enterprise.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A gate, entrance or checkpoint with its own QR code; {@code codeVersion} is bumped on
 * rotation. Owned by an enterprise or, for a residential checkpoint, by a community:
 * exactly one of {@code enterpriseId} and {@code communityId} is set.
 */
@Table("place")
public record Place(@Id UUID id, UUID enterpriseId, UUID communityId, String name, PlaceKind kind, int codeVersion,
		boolean requiresDynamicCode, Instant createdAt, Instant deletedAt) {

	Place withCodeVersion(int version) {
		return new Place(id, enterpriseId, communityId, name, kind, version, requiresDynamicCode, createdAt, deletedAt);
	}

	/** The enterprise's or the community's id: what owns the place. */
	public UUID ownerId() {
		return enterpriseId != null ? enterpriseId : communityId;
	}

}
