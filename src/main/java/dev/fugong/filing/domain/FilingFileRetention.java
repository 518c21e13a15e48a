package dev.fugong.filing.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Uploaded filing materials may name people (a staff screening list): each file goes
 * {@code fugong.filing.file-retention} after its upload. The filing's record (counts,
 * plans, steps) stays.
 */
@Component
class FilingFileRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	FilingFileRetention(DatabaseClient database, FilingProperties properties) {
		this.database = database;
		this.retention = properties.fileRetention();
	}

	@Override
	public String name() {
		return "filing_file";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM filing_file WHERE uploaded_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
