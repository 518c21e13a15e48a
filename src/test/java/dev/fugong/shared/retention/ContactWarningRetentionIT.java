package dev.fugong.shared.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;
import dev.fugong.trajectory.ContactWarningProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contact warnings (who met a case) are purged on a fixed clock (issue 20): one minute
 * past their retention they go, one minute inside they stay.
 */
@IntegrationTest
class ContactWarningRetentionIT {

	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@Autowired
	List<Purge> purges;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ContactWarningProperties properties;

	@Test
	void warningsGoOneMinutePastTheirRetentionAndStayOneMinuteInside() {
		Instant cutoff = NOW.minus(properties.retention());
		UUID kept = warning(cutoff.plus(Duration.ofMinutes(1)));
		UUID gone = warning(cutoff.minus(Duration.ofMinutes(1)));

		List<RetentionJob.Purged> ran = new RetentionJob(purges, database, transactions, meters,
				Clock.fixed(NOW, ZoneOffset.UTC))
			.run()
			.block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).contains("contact_warning");
		assertThat(count(kept)).isEqualTo(1);
		assertThat(count(gone)).isZero();
	}

	private UUID warning(Instant warnedAt) {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO contact_warning (id, case_person_id, contact_person_id, screening_id, warned_by, warned_at,
				    delivery, delivered_at)
				VALUES (:id, :case, :contact, :screening, :by, :at, 'SENT', :at)
				""")
			.bind("id", id)
			.bind("case", UUID.randomUUID())
			.bind("contact", UUID.randomUUID())
			.bind("screening", UUID.randomUUID())
			.bind("by", UUID.randomUUID())
			.bind("at", warnedAt)
			.then()
			.block();
		return id;
	}

	private long count(UUID id) {
		return database.sql("SELECT count(*) FROM contact_warning WHERE id = :id")
			.bind("id", id)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
