package dev.fugong.enterprise.domain;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** 一企一档: an enterprise's file. */
@Table("enterprise")
public record Enterprise(@Id UUID id, String name, String uscc, Industry industry, int batch, UUID zoneId,
		String address, int headcount, String shopKind, Plate plate, EnterpriseStatus status, @Version Long version,
		Instant createdAt, Instant updatedAt) {

	Enterprise withChanges(EnterpriseChanges changes, Instant now) {
		return new Enterprise(id, or(changes.name(), name), or(changes.uscc(), uscc), or(changes.industry(), industry),
				or(changes.batch(), batch), or(changes.zoneId(), zoneId), or(changes.address(), address),
				or(changes.headcount(), headcount), or(changes.shopKind(), shopKind), plate, status, version, createdAt,
				now);
	}

	private static <T> T or(T changed, T current) {
		return changed != null ? changed : current;
	}

}
