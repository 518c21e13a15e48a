package dev.fugong.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.ServiceInstance;
import dev.fugong.support.StreamingReplica;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service on a PostgreSQL primary with a real streaming replica named by
 * {@code fugong.database.replica.url}: the dashboards read the replica (with its replay
 * paused they show the counters as they were), writes and the reads after them stay on
 * the primary, and the replica's lag is the gauge {@code fugong.db.replica.lag}.
 */
class ReplicaReadsIT {

	static StreamingReplica postgres;

	static ConfigurableApplicationContext service;

	static WebTestClient web;

	static TestTokens tokens;

	@BeforeAll
	static void start() {
		postgres = StreamingReplica.start();
		String primary = "127.0.0.1:" + postgres.primaryPort() + "/postgres";
		service = ServiceInstance.start("replica", "--spring.r2dbc.url=r2dbc:postgresql://" + primary,
				"--spring.r2dbc.username=postgres", "--spring.r2dbc.password=postgres",
				"--spring.flyway.url=jdbc:postgresql://" + primary, "--spring.flyway.user=postgres",
				"--spring.flyway.password=postgres",
				"--fugong.database.replica.url=r2dbc:postgresql://127.0.0.1:" + postgres.replicaPort() + "/postgres",
				"--fugong.database.replica.username=postgres", "--fugong.database.replica.password=postgres");
		web = ServiceInstance.client(service);
		tokens = new TestTokens(service.getBean(TokenService.class));
	}

	@AfterAll
	static void stop() {
		ServiceInstance.close(service, postgres);
	}

	@Test
	void dashboardsReadTheReplicaWritesStayOnThePrimaryAndTheLagIsMeasured() {
		await("the replica caught up").atMost(Duration.ofSeconds(30)).until(() -> lag() == 0.0);
		long before = enterprises();

		StreamingReplica.execute(postgres.replicaPort(), "SELECT pg_wal_replay_pause()");
		try {
			// A write and the read after it: the primary's, though the replica lags.
			UUID created = Requests.createEnterprise(web, tokens.official(), Demo.PARK);
			web.get()
				.uri("/api/v1/enterprises/{id}", created)
				.headers(h -> h.setBearerAuth(tokens.official()))
				.exchange()
				.expectStatus()
				.isOk();

			await("the lag measured").atMost(Duration.ofSeconds(20)).until(() -> lag() > 0);
			// The new enterprise counted on the primary (by trigger, within the
			// debounce).
			await("the primary's counters").atMost(Duration.ofSeconds(10)).until(() -> primaryTotal() > before);
			// The dashboard, read again after its 1 s cache, still shows the replica's
			// counters.
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> enterprises() == before);
		}
		finally {
			StreamingReplica.execute(postgres.replicaPort(), "SELECT pg_wal_replay_resume()");
		}
		await("the replica's counters").atMost(Duration.ofSeconds(20)).until(() -> enterprises() == primaryTotal());
		await("the lag back to 0").atMost(Duration.ofSeconds(20)).until(() -> lag() == 0.0);
	}

	/**
	 * A trajectory query reads the replica (with its replay paused, a scan-in just made
	 * on the primary is not in the answer yet) and writes its audit row on the primary
	 * before it answers; once the replica replays, the visit is there.
	 */
	@Test
	void aTrajectoryReadsTheReplicaAndItsAuditRowIsOnThePrimary() {
		UUID gate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "南门 " + UUID.randomUUID(), false);
		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("136");
		WeChatSignIn.bindPhone(web, employee, phone);
		UUID officialId = UUID.randomUUID();
		String official = tokens.console(officialId, Role.OFFICIAL, null, Demo.PARK);
		await("the replica caught up").atMost(Duration.ofSeconds(30)).until(() -> lag() == 0.0);
		String audited = "SELECT count(*) FROM audit_event WHERE type = 'TRAJECTORY_QUERIED' AND actor_id = '"
				+ officialId + "'";

		StreamingReplica.execute(postgres.replicaPort(), "SELECT pg_wal_replay_pause()");
		try {
			web.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employee))
				.bodyValue(Map.of("code", service.getBean(CodeFormat.class).place(gate, 1), "clientScanId",
						"r-" + UUID.randomUUID()))
				.exchange()
				.expectStatus()
				.isCreated();
			assertThat(visits(official, phone)).isZero();
			assertThat(StreamingReplica.count(postgres.primaryPort(), audited)).isEqualTo(1);
			assertThat(StreamingReplica.count(postgres.replicaPort(), audited)).isZero();
		}
		finally {
			StreamingReplica.execute(postgres.replicaPort(), "SELECT pg_wal_replay_resume()");
		}
		await("the visit replayed").atMost(Duration.ofSeconds(20)).until(() -> visits(official, phone) == 1);
	}

	private static int visits(String token, String phone) {
		Map<String, Object> answer = web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", phone, "days", 1, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return ((List<?>) answer.get("visits")).size();
	}

	/** What the dashboard's total would be if it read the primary. */
	private static long primaryTotal() {
		return StreamingReplica.count(postgres.primaryPort(), "SELECT coalesce(sum(enterprises), 0) FROM stats_cell");
	}

	private static long enterprises() {
		Map<String, Object> answer = web.get()
			.uri("/api/v1/stats/resumption")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		Map<String, Object> total = (Map<String, Object>) answer.get("total");
		return ((Number) total.get("enterprises")).longValue();
	}

	private static double lag() {
		return service.getBean(MeterRegistry.class).get("fugong.db.replica.lag").gauge().value();
	}

}
