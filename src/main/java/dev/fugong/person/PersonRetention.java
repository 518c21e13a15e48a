package dev.fugong.person;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * 一人一档 is not kept forever (issue 12): a person inactive for
 * {@code fugong.persons.inactive-retention} goes, phone, ID number and name with it.
 * Inactive means no change to the person since the cutoff ({@code last_active_at}) and
 * nothing that still refers to it: no scan-in (scans are kept 21 days, so any scan left
 * is recent activity), no returnee record or health report (kept 60 and 28 days), no pass
 * card, no account (a signed-up user's person stays while its account does). Those are
 * other features' tables, read here only to ask "does anything still point at this
 * person" (the foreign keys of app_user and pass_card would refuse the delete anyway; the
 * others have none).
 */
@Component
class PersonRetention implements Purge {

	/** Persons deleted per purge at most: one bounded transaction an hour. */
	static final int BATCH = 10_000;

	private final DatabaseClient database;

	private final Duration retention;

	PersonRetention(DatabaseClient database, PersonProperties properties) {
		this.database = database;
		this.retention = properties.inactiveRetention();
	}

	@Override
	public String name() {
		return "person";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		// By person_last_active_idx: the candidates are a range of last_active_at; each
		// is
		// then checked by the primary or person index of the referring tables.
		return database.sql("""
				DELETE FROM person WHERE id IN (
				    SELECT p.id FROM person p
				    WHERE p.last_active_at < :cutoff
				      AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.person_id = p.id)
				      AND NOT EXISTS (SELECT 1 FROM pass_card c WHERE c.person_id = p.id)
				      AND NOT EXISTS (SELECT 1 FROM scan_in s WHERE s.person_id = p.id)
				      AND NOT EXISTS (SELECT 1 FROM returnee r WHERE r.person_id = p.id)
				      AND NOT EXISTS (SELECT 1 FROM health_report h WHERE h.person_id = p.id)
				    LIMIT :batch)
				""").bind("cutoff", cutoff).bind("batch", BATCH).fetch().rowsUpdated();
	}

}
