package dev.fugong.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.support.IntegrationTest;

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
	void theRetentionPurgeDeletesOnlyEventsOlderThanItsCutOff() {
		String subject = UUID.randomUUID().toString();
		audit.record(AuditEntry.of(null, "TEST_EVENT", "test", subject)).block();

		long purged = database.sql("SELECT purge_audit_events(:before)")
			.bind("before", Instant.parse("2000-01-01T00:00:00Z"))
			.map(row -> row.get(0, Long.class))
			.one()
			.block();

		assertThat(purged).isZero();
		assertThat(count(subject)).isEqualTo(1);
	}

	private long count(String subject) {
		return database.sql("SELECT count(*) FROM audit_event WHERE subject_id = :s")
			.bind("s", subject)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
