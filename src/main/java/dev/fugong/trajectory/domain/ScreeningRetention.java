package dev.fugong.trajectory.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;
import dev.fugong.trajectory.TrajectoryProperties;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Contact screenings name people (masked) and where they met: kept
 * {@code fugong.trajectory.screening-retention} after they started, then deleted.
 */
@Component
class ScreeningRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	ScreeningRetention(DatabaseClient database, TrajectoryProperties properties) {
		this.database = database;
		this.retention = properties.screeningRetention();
	}

	@Override
	public String name() {
		return "contact_screening";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM contact_screening WHERE created_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
