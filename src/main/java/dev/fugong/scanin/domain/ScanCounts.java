package dev.fugong.scanin.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.time.ZoneId;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.scanin.model.DenyReason;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Counts over recorded scan-ins, for other features' figures: how many people an
 * enterprise's gates admitted on a day (a guide's report is prefilled with it).
 */
@Component
public class ScanCounts {

	private final EnterpriseService enterprises;

	private final DatabaseClient database;

	private final ZoneId zone;

	private final PersonalDataCipher cipher;

	ScanCounts(EnterpriseService enterprises, DatabaseClient database, FugongProperties properties,
			PersonalDataCipher cipher) {
		this.enterprises = enterprises;
		this.database = database;
		this.zone = properties.scans().zone();
		this.cipher = cipher;
	}

	/**
	 * Every scan-in at the enterprise's places on this day of the district, in time
	 * order, temperatures decrypted: for the daily ledger and the disclosure board, which
	 * check the caller's scope and audit the read. Bounded by the day's partition.
	 */
	public Flux<DayScan> ofDay(UUID enterpriseId, LocalDate day) {
		return enterprises.placeIds(enterpriseId)
			.collectList()
			.flatMapMany(places -> places.isEmpty() ? Flux.<DayScan>empty()
					: database.sql("""
							SELECT person_id, place_id, scanned_at, admitted, reasons, temperature_cipher, fever
							FROM scan_in
							WHERE place_id = ANY(:places) AND scanned_at >= :from AND scanned_at < :to
							ORDER BY scanned_at, id
							""")
						.bind("places", places.toArray(UUID[]::new))
						.bind("from", day.atStartOfDay(zone).toInstant())
						.bind("to", day.plusDays(1).atStartOfDay(zone).toInstant())
						.map(row -> {
							byte[] temperature = row.get("temperature_cipher", byte[].class);
							String reasons = row.get("reasons", String.class);
							return new DayScan(row.get("person_id", UUID.class), row.get("place_id", UUID.class),
									row.get("scanned_at", Instant.class),
									Boolean.TRUE.equals(row.get("admitted", Boolean.class)),
									reasons == null || reasons.isEmpty() ? List.of()
											: Arrays.stream(reasons.split(",")).map(DenyReason::valueOf).toList(),
									temperature == null ? null
											: new BigDecimal(cipher.decrypt(temperature, Column.SCAN_TEMPERATURE)),
									Boolean.TRUE.equals(row.get("fever", Boolean.class)));
						})
						.all());
	}

	/**
	 * One scan-in of a day.
	 *
	 * @param temperature as measured at the gate, or null
	 * @param fever 37.3 °C or more: denied and sent to a fever clinic, with an alert to
	 * the managers and the zone's officials
	 */
	public record DayScan(UUID personId, UUID placeId, Instant at, boolean admitted, List<DenyReason> reasons,
			BigDecimal temperature, boolean fever) {

		@Override
		public String toString() {
			return "DayScan[at=" + at + ", admitted=" + admitted + "]";
		}

	}

	/**
	 * The distinct people admitted at the enterprise's places (removed ones too) on this
	 * day of the district: each person once, however often it scanned.
	 */
	public Mono<Long> admittedPeople(UUID enterpriseId, LocalDate day) {
		// By the enterprise's places and the day's bounds: the planner prunes to the
		// day's
		// partition and reads scan_in_place_idx per place, so the hot table needs no
		// index
		// by enterprise (one more index would slow every gate's INSERT).
		return enterprises.placeIds(enterpriseId)
			.collectList()
			.flatMap(places -> places.isEmpty() ? Mono.just(0L)
					: database.sql("""
							SELECT count(DISTINCT person_id) FROM scan_in
							WHERE place_id = ANY(:places) AND scanned_at >= :from AND scanned_at < :to AND admitted
							""")
						.bind("places", places.toArray(UUID[]::new))
						.bind("from", day.atStartOfDay(zone).toInstant())
						.bind("to", day.plusDays(1).atStartOfDay(zone).toInstant())
						.map(row -> row.get(0, Long.class))
						.one()
						.defaultIfEmpty(0L));
	}

}
