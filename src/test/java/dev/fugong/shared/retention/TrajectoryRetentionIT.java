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

import dev.fugong.person.PersonProperties;

import dev.fugong.trajectory.TrajectoryProperties;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persons and contact screenings are purged on a fixed clock (issue 12): one minute past
 * their retention they go, one minute inside they stay; a person something still refers
 * to stays whatever its age.
 */
@IntegrationTest
class TrajectoryRetentionIT {

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
	PersonProperties personProperties;

	@Autowired
	TrajectoryProperties properties;

	@Test
	void personsAndScreeningsGoOneMinutePastTheirRetentionAndStayOneMinuteInside() {
		Instant personCutoff = NOW.minus(personProperties.inactiveRetention());
		UUID keptPerson = person(personCutoff.plus(Duration.ofMinutes(1)));
		UUID gonePerson = person(personCutoff.minus(Duration.ofMinutes(1)));
		UUID oldButScanned = person(personCutoff.minus(Duration.ofDays(30)));
		database.sql("""
				INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
				    admitted, reasons, pass_color, fever)
				VALUES (:id, now(), :person, :place, :enterprise, :client, 'PLACE_CODE', true, '', 'GREEN', false)
				""")
			.bind("id", UUID.randomUUID())
			.bind("person", oldButScanned)
			.bind("place", UUID.randomUUID())
			.bind("enterprise", Demo.RUIRUN)
			.bind("client", "r-" + UUID.randomUUID())
			.then()
			.block();
		Instant screeningCutoff = NOW.minus(properties.screeningRetention());
		UUID keptScreening = screening(screeningCutoff.plus(Duration.ofMinutes(1)));
		UUID goneScreening = screening(screeningCutoff.minus(Duration.ofMinutes(1)));

		List<RetentionJob.Purged> ran = new RetentionJob(purges, database, transactions, meters,
				Clock.fixed(NOW, ZoneOffset.UTC))
			.run()
			.block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).contains("person", "contact_screening");
		assertThat(count("SELECT count(*) FROM person WHERE id = :id", keptPerson)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM person WHERE id = :id", gonePerson)).isZero();
		assertThat(count("SELECT count(*) FROM person WHERE id = :id", oldButScanned)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM contact_screening WHERE id = :id", keptScreening)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM contact_screening WHERE id = :id", goneScreening)).isZero();
	}

	private UUID person(Instant lastActive) {
		UUID id = UUID.randomUUID();
		byte[] hash = new byte[32];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(hash);
		database.sql("""
				INSERT INTO person (id, phone_cipher, phone_hash, created_at, last_active_at)
				VALUES (:id, :cipher, :hash, :at, :at)
				""")
			.bind("id", id)
			.bind("cipher", new byte[] { 1 })
			.bind("hash", hash)
			.bind("at", lastActive)
			.then()
			.block();
		return id;
	}

	private UUID screening(Instant createdAt) {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO contact_screening (id, started_by, subject_kind, subject_id, days, window_minutes, state,
				    created_at, updated_at)
				VALUES (:id, :by, 'PERSON', :subject, 14, 30, 'DONE', :at, :at)
				""")
			.bind("id", id)
			.bind("by", UUID.randomUUID())
			.bind("subject", UUID.randomUUID())
			.bind("at", createdAt)
			.then()
			.block();
		return id;
	}

	private long count(String sql, UUID id) {
		return database.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
	}

}
