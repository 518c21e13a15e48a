package dev.fugong.returnee.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Returnee records (travel, and their tests with them) are kept for
 * {@code fugong.returnees.retention} after the arrival, then deleted.
 */
@Component
class ReturneeRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	ReturneeRetention(DatabaseClient database, ReturneeProperties properties) {
		this.database = database;
		this.retention = properties.retention();
	}

	@Override
	public String name() {
		return "returnee";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		// nucleic_acid_test rows go with their returnee (ON DELETE CASCADE).
		return database.sql("DELETE FROM returnee WHERE arrival_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
