package dev.fugong.ops;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.ServiceInstance;
import dev.fugong.support.StreamingReplica;
import dev.fugong.support.TestTokens;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

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
