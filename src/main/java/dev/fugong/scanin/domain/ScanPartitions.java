package dev.fugong.scanin.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the day partitions of {@code scan_in} created ahead, and as the scan-ins'
 * {@link Purge}, drops those past the retention. Flyway's afterMigrate creates the first
 * week at start-up; creation runs every hour (cheap, idempotent, serialized across pods
 * by an advisory lock in the functions).
 */
@Component
public class ScanPartitions implements Purge {

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
		createAhead().subscribe(null,
				error -> log.warn("Scan-in partition maintenance failed; retried within the hour", error));
	}

	/** Creates the partitions ahead and drops the expired ones; the counts of each. */
	public Mono<int[]> run() {
		return createAhead().zipWith(purge(clock.instant().minus(retention())))
			.map(counts -> new int[] { counts.getT1(), counts.getT2().intValue() });
	}

	private Mono<Integer> createAhead() {
		LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
		return database.sql("SELECT ensure_scan_in_partitions(:first, :days, :zone)")
			.bind("first", today.minusDays(1))
			.bind("days", settings.partitionsAhead() + 2)
			.bind("zone", settings.zone().getId())
			.map(row -> row.get(0, Integer.class))
			.one()
			.doOnNext(created -> {
				if (created > 0) {
					log.info("Scan-in partitions: {} created", created);
				}
			});
	}

	@Override
	public String name() {
		return "scan_in";
	}

	@Override
	public Duration retention() {
		return settings.retention();
	}

	/** Drops the day partitions before the day of {@code cutoff}, a day at a time. */
	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("SELECT drop_scan_in_partitions_before(:day)")
			.bind("day", LocalDate.ofInstant(cutoff, settings.zone()))
			.map(row -> row.get(0, Integer.class).longValue())
			.one();
	}

}
