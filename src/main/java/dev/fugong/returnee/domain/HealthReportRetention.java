package dev.fugong.returnee.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Health reports are kept for {@code fugong.returnees.reports.retention}. */
@Component
class HealthReportRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	HealthReportRetention(DatabaseClient database, ReturneeProperties properties) {
		this.database = database;
		this.retention = properties.reports().retention();
	}

	@Override
	public String name() {
		return "health_report";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM health_report WHERE reported_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
