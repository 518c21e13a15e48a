package dev.fugong.application.domain;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;

import dev.fugong.application.model.ApplicationState;
import dev.fugong.enterprise.domain.EnterpriseChanges;
import dev.fugong.enterprise.domain.Industry;

/** A person's request to register its enterprise, with the registry's fields. */
public record EnterpriseApplication(UUID id, UUID applicantId, String name, String uscc, Industry industry, int batch,
		UUID zoneId, String address, int headcount, String shopKind, ApplicationState state, String reason,
		UUID decidedBy, Instant decidedAt, UUID enterpriseId, Instant createdAt, Instant updatedAt) {

	static final String COLUMNS = "id, applicant_id, name, uscc, industry, batch, zone_id, address, headcount, shop_kind, state, "
			+ "reason, decided_by, decided_at, enterprise_id, created_at, updated_at";

	static EnterpriseApplication read(Readable row) {
		return new EnterpriseApplication(row.get("id", UUID.class), row.get("applicant_id", UUID.class),
				row.get("name", String.class), row.get("uscc", String.class),
				Industry.valueOf(row.get("industry", String.class)), row.get("batch", Short.class),
				row.get("zone_id", UUID.class), row.get("address", String.class), row.get("headcount", Integer.class),
				row.get("shop_kind", String.class), ApplicationState.valueOf(row.get("state", String.class)),
				row.get("reason", String.class), row.get("decided_by", UUID.class),
				row.get("decided_at", Instant.class), row.get("enterprise_id", UUID.class),
				row.get("created_at", Instant.class), row.get("updated_at", Instant.class));
	}

	EnterpriseChanges fields() {
		return new EnterpriseChanges(name, uscc, industry, batch, zoneId, address, headcount, shopKind);
	}

}
