package dev.fugong.scanin.domain;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the day partitions of {@code scan_in} created ahead and drops those past the
 * retention. Flyway's afterMigrate creates the first week at start-up; this runs every
 * hour (cheap, idempotent, serialized across pods by an advisory lock in the functions).
 */
@Component
public class ScanPartitions {

	private static final Logger log = LoggerFactory.getLogger(ScanPartitions.class);

	private final DatabaseClient database;

	private final FugongProperties.Scans settings;

	private final Clock clock;

	ScanPartitions(DatabaseClient database, FugongProperties properties, Clock clock) {
		this.database = database;
		this.settings = properties.scans();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void maintain() {
		run().subscribe(null,
				error -> log.warn("Scan-in partition maintenance failed; retried within the hour", error));
	}

	/** Creates the partitions ahead and drops the expired ones; the counts of each. */
	public Mono<int[]> run() {
		LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
		LocalDate firstKept = today.minusDays(settings.retention().toDays());
		Mono<Integer> created = database.sql("SELECT ensure_scan_in_partitions(:first, :days, :zone)")
			.bind("first", today.minusDays(1))
			.bind("days", settings.partitionsAhead() + 2)
			.bind("zone", settings.zone().getId())
			.map(row -> row.get(0, Integer.class))
			.one();
		Mono<Integer> dropped = database.sql("SELECT drop_scan_in_partitions_before(:day)")
			.bind("day", firstKept)
			.map(row -> row.get(0, Integer.class))
			.one();
		return created.zipWith(dropped).map(counts -> {
			if (counts.getT1() > 0 || counts.getT2() > 0) {
				log.info("Scan-in partitions: {} created, {} dropped (keeping from {})", counts.getT1(), counts.getT2(),
						firstKept);
			}
			return new int[] { counts.getT1(), counts.getT2() };
		});
	}

}
