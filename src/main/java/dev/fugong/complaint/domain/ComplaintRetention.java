package dev.fugong.complaint.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A complaint's text and contact are personal data: the whole complaint goes
 * {@code fugong.complaints.retention} after it was made (an inspection it led to keeps
 * its own record).
 */
@Component
class ComplaintRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	ComplaintRetention(DatabaseClient database, ComplaintProperties properties) {
		this.database = database;
		this.retention = properties.retention();
	}

	@Override
	public String name() {
		return "complaint";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM complaint WHERE created_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
