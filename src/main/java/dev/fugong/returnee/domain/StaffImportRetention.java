package dev.fugong.returnee.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Import results (row numbers and reasons, no personal data) are kept for
 * {@code fugong.returnees.imports.retention}.
 */
@Component
class StaffImportRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	StaffImportRetention(DatabaseClient database, ReturneeProperties properties) {
		this.database = database;
		this.retention = properties.imports().retention();
	}

	@Override
	public String name() {
		return "staff_import";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM staff_import WHERE created_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
