package dev.fugong.inspection.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Inspection photos may show people: each goes {@code fugong.inspection.photo-retention}
 * after its upload. The inspection's record stays.
 */
@Component
class InspectionPhotoRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	InspectionPhotoRetention(DatabaseClient database, InspectionProperties properties) {
		this.database = database;
		this.retention = properties.photoRetention();
	}

	@Override
	public String name() {
		return "inspection_photo";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM inspection_photo WHERE uploaded_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
