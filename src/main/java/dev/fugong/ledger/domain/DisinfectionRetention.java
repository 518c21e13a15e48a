package dev.fugong.ledger.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A disinfection round names who did it: each goes
 * {@code fugong.ledger.disinfection-retention} after the round.
 */
@Component
class DisinfectionRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	DisinfectionRetention(DatabaseClient database, LedgerProperties properties) {
		this.database = database;
		this.retention = properties.disinfectionRetention();
	}

	@Override
	public String name() {
		return "disinfection";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM disinfection WHERE at < :cutoff").bind("cutoff", cutoff).fetch().rowsUpdated();
	}

}
