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
import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one scheduled purge, run as the scheduler would but on a fixed clock: what is one
 * minute past its retention goes, what is one minute inside stays; and while another pod
 * holds a purge's lock, this one skips it.
 */
@IntegrationTest
class RetentionJobIT {

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
	FugongProperties properties;

	@Test
	void auditEventsAndRefreshTokensGoOneMinutePastTheirRetentionAndStayOneMinuteInside() {
		Duration audit = properties.retention().auditEvents();
		Duration tokens = properties.retention().expiredRefreshTokens();
		String inside = auditEvent(NOW.minus(audit).plus(Duration.ofMinutes(1)));
		String outside = auditEvent(NOW.minus(audit).minus(Duration.ofMinutes(1)));
		UUID kept = refreshToken(NOW.minus(tokens).plus(Duration.ofMinutes(1)));
		UUID purged = refreshToken(NOW.minus(tokens).minus(Duration.ofMinutes(1)));

		List<RetentionJob.Purged> ran = job().run().block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).contains("audit_event", "refresh_token", "scan_in");
		assertThat(count("SELECT count(*) FROM audit_event WHERE subject_id = :id", inside)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM audit_event WHERE subject_id = :id", outside)).isZero();
		assertThat(count("SELECT count(*) FROM refresh_token WHERE id = :id", kept)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM refresh_token WHERE id = :id", purged)).isZero();
	}

	@Test
	void aPurgeAnotherPodIsRunningIsSkippedHereAndTheOthersStillRun() {
		String old = auditEvent(NOW.minus(properties.retention().auditEvents()).minus(Duration.ofDays(1)));

		// Another pod, in the middle of purging the audit trail, holds its lock.
		List<RetentionJob.Purged> ran = TransactionalOperator.create(transactions)
			.transactional(database.sql("SELECT pg_advisory_xact_lock(:lock, hashtext('audit_event'))")
				.bind("lock", RetentionJob.LOCK)
				.then()
				// Its own subscription: outside this transaction, as another pod would
				// be.
				.then(Mono.fromFuture(() -> job().run().toFuture())))
			.block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).doesNotContain("audit_event").contains("refresh_token");
		assertThat(count("SELECT count(*) FROM audit_event WHERE subject_id = :id", old)).isEqualTo(1);
		// Once it let go, the next round purges.
		job().run().block(Duration.ofSeconds(30));
		assertThat(count("SELECT count(*) FROM audit_event WHERE subject_id = :id", old)).isZero();
	}

	private RetentionJob job() {
		return new RetentionJob(purges, database, transactions, meters, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private String auditEvent(Instant at) {
		String subject = UUID.randomUUID().toString();
		database
			.sql("INSERT INTO audit_event (occurred_at, type, subject_type, subject_id) "
					+ "VALUES (:at, 'TEST_EVENT', 'test', :subject)")
			.bind("at", at)
			.bind("subject", subject)
			.then()
			.block(Duration.ofSeconds(10));
		return subject;
	}

	private UUID refreshToken(Instant expiresAt) {
		UUID id = UUID.randomUUID();
		byte[] hash = new byte[32];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(hash);
		database.sql("""
				INSERT INTO refresh_token (id, family_id, user_id, audience, token_hash, issued_at, expires_at)
				VALUES (:id, :family, :user, 'MINI_PROGRAM', :hash, :issued, :expires)
				""")
			.bind("id", id)
			.bind("family", UUID.randomUUID())
			.bind("user", Demo.EMPLOYEE_USER)
			.bind("hash", hash)
			.bind("issued", expiresAt.minus(Duration.ofDays(14)))
			.bind("expires", expiresAt)
			.then()
			.block(Duration.ofSeconds(10));
		return id;
	}

	private long count(String sql, Object id) {
		return database.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
	}

}
