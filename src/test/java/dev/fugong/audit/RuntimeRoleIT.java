package dev.fugong.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.shared.retention.RetentionJob;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service running as its runtime role (ADR 0040), as in production: it appends to the
 * audit trail and reads it, and every attempt to change or delete an audit row fails for
 * want of the privilege, trigger bypass or not; the retention purge still works, through
 * its SECURITY DEFINER function, and never closer than 180 days.
 */
@IntegrationTest
@TestPropertySource(properties = "fugong.database.runtime-role=fugong_app")
class RuntimeRoleIT {

	@Autowired
	DatabaseClient database;

	@Autowired
	AuditService audit;

	@Autowired
	RetentionJob retention;

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	Clock clock;

	@Test
	void theServicesRoleCannotUpdateOrDeleteAuditRows() {
		assertThat(database.sql("SELECT current_user").map(row -> row.get(0, String.class)).one().block())
			.isEqualTo("fugong_app");
		String subject = UUID.randomUUID().toString();
		audit.record(new AuditEntry(UUID.randomUUID(), "TEST_EVENT", "test", subject, "role proof", Map.of())).block();
		assertThat(count(subject)).isEqualTo(1);

		assertThatThrownBy(() -> database.sql("UPDATE audit_event SET purpose = 'changed' WHERE subject_id = :s")
			.bind("s", subject)
			.then()
			.block()).hasMessageContaining("permission denied");
		assertThatThrownBy(
				() -> database.sql("DELETE FROM audit_event WHERE subject_id = :s").bind("s", subject).then().block())
			.hasMessageContaining("permission denied");
		assertThatThrownBy(() -> database.sql("TRUNCATE audit_event").then().block())
			.hasMessageContaining("permission denied");
		// The trigger's session bypass does not help a role without the privilege.
		assertThatThrownBy(() -> database.sql("""
				SELECT set_config('fugong.audit_purge', 'on', false);
				DELETE FROM audit_event WHERE subject_id = '%s';
				""".formatted(subject)).then().block()).hasMessageContaining("permission denied");
		// Nor may it take the table's owner's role, or wipe the trail through the purge.
		assertThatThrownBy(() -> database.sql("ALTER TABLE audit_event DISABLE TRIGGER ALL").then().block())
			.hasMessageContaining("must be owner");
		assertThatThrownBy(() -> database.sql("SELECT purge_audit_events(now())").then().block())
			.hasMessageContaining("180 days");
		assertThat(count(subject)).isEqualTo(1);
	}

	@Test
	void theRetentionPurgesStillRunAsTheRuntimeRole() {
		String old = UUID.randomUUID().toString();
		database
			.sql("INSERT INTO audit_event (occurred_at, type, subject_type, subject_id) "
					+ "VALUES (:at, 'TEST_EVENT', 'test', :s)")
			.bind("at", clock.instant().minus(Duration.ofDays(400)))
			.bind("s", old)
			.then()
			.block();
		List<RetentionJob.Purged> ran = retention.run().block(Duration.ofSeconds(60));
		assertThat(ran).extracting(RetentionJob.Purged::name).contains("audit_event", "scan_in", "person");
		assertThat(count(old)).isZero();
	}

	@Test
	void aTrajectoryQueryIsAnsweredAndAudited() {
		UUID official = UUID.randomUUID();
		String token = new TestTokens(tokenService).console(official, Role.OFFICIAL, null, Demo.PARK);
		web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", Requests.phone("135"), "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(database.sql("SELECT count(*) FROM audit_event WHERE actor_id = :a")
			.bind("a", official)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	private long count(String subject) {
		return database.sql("SELECT count(*) FROM audit_event WHERE subject_id = :s")
			.bind("s", subject)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
