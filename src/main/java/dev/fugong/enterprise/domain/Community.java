package dev.fugong.enterprise.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A residential compound (小区) of a grid zone: an organisation unit that is not an
 * enterprise (no USCC, industry, plate or staff) but owns places, its checkpoints (卡点),
 * with the same codes, posters and scan-ins as an enterprise's gates (ADR 0050).
 */
@Table("community")
public record Community(@Id UUID id, UUID zoneId, String name, String address, Instant createdAt) {

	/**
	 * The community as the owner of a place, in the shape the gate path reads: its id,
	 * name and zone; never a plate, always operating, so only the person's own facts
	 * (observation, flags, health, temperature) decide at a checkpoint. Not a registered
	 * enterprise: no USCC or industry, and nothing writes it back.
	 */
	Enterprise asOwner() {
		return new Enterprise(id, name, null, null, 0, zoneId, address, 0, null, null, EnterpriseStatus.OPERATING, null,
				createdAt, createdAt);
	}

}
