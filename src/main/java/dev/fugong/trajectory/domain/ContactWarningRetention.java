package dev.fugong.trajectory.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;
import dev.fugong.trajectory.ContactWarningProperties;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A warning says who met a case: kept {@code fugong.contact-warnings.retention} after it
 * was given, then deleted. After that the same contact could be warned of the same case
 * again, long after the case's observation period.
 */
@Component
class ContactWarningRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	ContactWarningRetention(DatabaseClient database, ContactWarningProperties properties) {
		this.database = database;
		this.retention = properties.retention();
	}

	@Override
	public String name() {
		return "contact_warning";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM contact_warning WHERE warned_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
