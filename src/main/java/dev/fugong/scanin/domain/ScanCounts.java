package dev.fugong.scanin.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;

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

	ScanCounts(EnterpriseService enterprises, DatabaseClient database, FugongProperties properties) {
		this.enterprises = enterprises;
		this.database = database;
		this.zone = properties.scans().zone();
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
