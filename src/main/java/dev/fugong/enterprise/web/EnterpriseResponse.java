package dev.fugong.enterprise.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Plate;

record EnterpriseResponse(UUID id, String name, String uscc, Industry industry, int batch, UUID zoneId, String address,
		int headcount, String shopKind, Plate plate, EnterpriseStatus status, long version, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	static EnterpriseResponse of(Enterprise e) {
		return new EnterpriseResponse(e.id(), e.name(), e.uscc(), e.industry(), e.batch(), e.zoneId(), e.address(),
				e.headcount(), e.shopKind(), e.plate(), e.status(), e.version(), e.createdAt().atOffset(ZoneOffset.UTC),
				e.updatedAt().atOffset(ZoneOffset.UTC));
	}

}
