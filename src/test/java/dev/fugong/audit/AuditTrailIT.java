package dev.fugong.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail is append-only in the database itself, not just by convention. */
@IntegrationTest
class AuditTrailIT {

	@Autowired
	AuditService audit;

	@Autowired
	DatabaseClient database;

	@Test
	void eventsCanBeAddedButNotChangedOrDeleted() {
		String subject = UUID.randomUUID().toString();
		audit
			.record(new AuditEntry(UUID.randomUUID(), "TEST_EVENT", "test", subject, "checking the trail",
					Map.of("maskedPhone", "138****5678")))
			.block();

		assertThat(count(subject)).isEqualTo(1);
		assertThat(database.sql("SELECT details->>'maskedPhone' FROM audit_event WHERE subject_id = :s")
			.bind("s", subject)
			.map(row -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("138****5678");

		assertThatThrownBy(() -> database.sql("UPDATE audit_event SET purpose = 'changed' WHERE subject_id = :s")
			.bind("s", subject)
			.then()
			.block()).hasMessageContaining("append-only");
		assertThatThrownBy(
				() -> database.sql("DELETE FROM audit_event WHERE subject_id = :s").bind("s", subject).then().block())
			.hasMessageContaining("append-only");
		assertThat(count(subject)).isEqualTo(1);
	}

	@Test
	void theRetentionPurgeDeletesEventsPastTheRetentionAndKeepsTheRest() {
		// A clock in the past, so this purge's cut-off lies before every other test's
		// events in the shared database: only the events written here can be past it.
		MutableClock clock = new MutableClock(Instant.parse("2001-01-01T00:00:00Z"));
		Duration retention = Duration.ofDays(365);
		String expired = recordAt(clock.instant());
		clock.advance(Duration.ofDays(200));
		String kept = recordAt(clock.instant());
		clock.advance(Duration.ofDays(200));
		Instant cutOff = clock.instant().minus(retention);
		// Exactly at the cut-off: not older than it, so it stays.
		String atCutOff = recordAt(cutOff);
		String today = recordAt(Instant.now());

		long purged = database.sql("SELECT purge_audit_events(:before)")
			.bind("before", cutOff)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();

		assertThat(count(expired)).as("an event past the retention").isZero();
		assertThat(purged).as("events older than %s in the whole trail", cutOff).isEqualTo(1);
		assertThat(count(kept)).as("an event within the retention").isEqualTo(1);
		assertThat(count(atCutOff)).as("an event at the cut-off").isEqualTo(1);
		assertThat(count(today)).as("an event of today").isEqualTo(1);
		// The purge turns the append-only guard back on when it is done.
		assertThatThrownBy(
				() -> database.sql("DELETE FROM audit_event WHERE subject_id = :s").bind("s", kept).then().block())
			.hasMessageContaining("append-only");
	}

	/**
	 * An event that happened at this instant (the service stamps events with now(); only
	 * a test writes the past); its subject.
	 */
	private String recordAt(Instant occurredAt) {
		String subject = UUID.randomUUID().toString();
		database
			.sql("INSERT INTO audit_event (occurred_at, type, subject_type, subject_id) "
					+ "VALUES (:at, 'TEST_EVENT', 'test', :s)")
			.bind("at", occurredAt)
			.bind("s", subject)
			.then()
			.block();
		return subject;
	}

	private long count(String subject) {
		return database.sql("SELECT count(*) FROM audit_event WHERE subject_id = :s")
			.bind("s", subject)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
