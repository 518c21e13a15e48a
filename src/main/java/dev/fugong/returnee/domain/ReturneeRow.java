package dev.fugong.returnee.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;

import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.ObservationFacts;

/** A returnee as stored: travel still encrypted. */
record ReturneeRow(UUID id, UUID personId, UUID enterpriseId, UUID zoneId, byte[] travelCipher, Instant departedAt,
		Instant arrivedAt, Instant expectedArrivalAt, Instant arrivalAt, LocalDate arrivalDay, boolean contactWithCase,
		Set<Flag> flags, Instant abnormalAt, Instant missedSlotAt, Instant lastReportAt, String source,
		Instant createdAt) {

	static final String COLUMNS = """
			id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, arrived_at, expected_arrival_at,
			arrival_at, arrival_day, contact_with_case, flags, abnormal_at, missed_slot_at, last_report_at, source,
			created_at""";

	static ReturneeRow read(Readable row) {
		return new ReturneeRow(row.get("id", UUID.class), row.get("person_id", UUID.class),
				row.get("enterprise_id", UUID.class), row.get("zone_id", UUID.class),
				row.get("travel_cipher", byte[].class), row.get("departed_at", Instant.class),
				row.get("arrived_at", Instant.class), row.get("expected_arrival_at", Instant.class),
				row.get("arrival_at", Instant.class), row.get("arrival_day", LocalDate.class),
				Boolean.TRUE.equals(row.get("contact_with_case", Boolean.class)), flags(row.get("flags", String.class)),
				row.get("abnormal_at", Instant.class), row.get("missed_slot_at", Instant.class),
				row.get("last_report_at", Instant.class), row.get("source", String.class),
				row.get("created_at", Instant.class));
	}

	ObservationFacts facts() {
		return new ObservationFacts(arrivalAt, abnormalAt, missedSlotAt, lastReportAt);
	}

	static Set<Flag> flags(String stored) {
		Set<Flag> flags = EnumSet.noneOf(Flag.class);
		if (stored != null && !stored.isEmpty()) {
			Arrays.stream(stored.split(",")).map(Flag::valueOf).forEach(flags::add);
		}
		return flags;
	}

	static String flags(Set<Flag> flags) {
		return String.join(",", flags.stream().sorted().map(Enum::name).toList());
	}

}
