package dev.fugong.audit;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Audit events are kept longer than what they record (who read a trajectory must be
 * answerable after the trajectory is gone), then deleted through
 * {@code purge_audit_events()}, the only way past the table's append-only trigger.
 */
@Component
class AuditRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	AuditRetention(DatabaseClient database, FugongProperties properties) {
		this.database = database;
		this.retention = properties.retention().auditEvents();
	}

	@Override
	public String name() {
		return "audit_event";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("SELECT purge_audit_events(:cutoff)")
			.bind("cutoff", cutoff)
			.map(row -> row.get(0, Long.class))
			.one();
	}

}
