package dev.fugong.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.shared.web.WarmUp;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.QrSignInFlow;
import dev.fugong.support.RedisClusterNodes;
import dev.fugong.support.Requests;
import dev.fugong.support.ServiceInstance;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against a real Redis Cluster of three masters, named by configuration only
 * ({@code spring.data.redis.cluster.nodes}): the scan's scripts (claim, answer, counts)
 * keep their keys in one slot, or the cluster refuses them with CROSSSLOT; the alerts and
 * the QR sign-in's changes go over the cluster's pub/sub. The pod warms up as in
 * production ({@code fugong.warm-up.enabled}).
 */
class RedisClusterIT {

	static RedisClusterNodes cluster;

	static ConfigurableApplicationContext service;

	static WebTestClient web;

	static TestTokens tokens;

	/** PINGs each master had answered once the service had started, before any test. */
	static List<Long> pingsAtStart;

	/** Timers of the warm-up's routes once the service had started, before any test. */
	static int timersAtStart;

	/** Connections the pool held once the service had started. */
	static double connectionsAtStart;

	@BeforeAll
	static void start() {
		cluster = RedisClusterNodes.start();
		service = ServiceInstance.start("cluster", "--spring.data.redis.cluster.nodes=" + cluster.nodes(),
				"--fugong.warm-up.enabled=true", "--fugong.warm-up.requests=200");
		pingsAtStart = cluster.pings();
		MeterRegistry meters = service.getBean(MeterRegistry.class);
		timersAtStart = meters.find("http.server.requests").timers().size();
		connectionsAtStart = meters.get("r2dbc.pool.allocated").gauge().value();
		web = ServiceInstance.client(service);
		tokens = new TestTokens(service.getBean(TokenService.class));
	}

	@AfterAll
	static void stop() {
		ServiceInstance.close(service, cluster);
	}

	@Test
	void theServiceTalksToTheClusterAsConfigured() {
		LettuceConnectionFactory factory = (LettuceConnectionFactory) service.getBean(RedisConnectionFactory.class);
		assertThat(factory.isClusterAware()).isTrue();
	}

	/**
	 * Before it said it was ready, the pod opened its PostgreSQL connections and one to
	 * every Redis master, and served its warm-up requests, which no metric counts.
	 */
	@Test
	void thePodWarmedUpBeforeItWasReadyAndNoMetricCountsIt() {
		assertThat(pingsAtStart).hasSize(3).allMatch(pings -> pings >= 1);
		assertThat(connectionsAtStart).isGreaterThanOrEqualTo(10);
		assertThat(timersAtStart).isZero();
		assertThat(service.getBean(WarmUp.class).result()).hasValueSatisfying(result -> {
			assertThat(result.connections()).isEqualTo(10);
			assertThat(result.redisMasters()).isEqualTo(3);
			assertThat(result.requests()).isEqualTo(200);
		});
	}

	@Test
	void aScanItsRetryAndARepeatAreOneRowAndAFeverIsCountedAndAlerted() {
		UUID enterpriseId = Requests.createEnterprise(web, tokens.official(), Demo.PARK);
		String manager = tokens.managerOf(enterpriseId);
		UUID place = Requests.createPlace(web, tokens.official(), enterpriseId, "大门", false);
		String code = service.getBean(CodeFormat.class).place(place, 1);
		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("136");
		WeChatSignIn.bindPhone(web, employee, phone);
		UUID person = service.getBean(PersonService.class).findByPhone(phone).block().id();

		Map<String, Object> first = scan(employee, code, null, "cluster-1").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(first).containsEntry("decision", "ADMIT");
		// The same clientScanId (the claim key) and, within the window, a new one (the
		// recent key): both the first answer, nothing written.
		for (String clientScanId : new String[] { "cluster-1", "cluster-2" }) {
			scan(employee, code, null, clientScanId).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.scanId")
				.isEqualTo(first.get("scanId"));
		}
		assertThat(rows(person)).isEqualTo(1);

		var alerts = web.get()
			.uri("/api/v1/alerts/stream")
			.headers(h -> h.setBearerAuth(manager))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.filter(event -> event.event() != null);
		StepVerifier.create(alerts.take(1)).then(() -> {
			// Published on one node, heard on whichever node the service subscribed to:
			// scan once the cluster counts that subscription.
			await("the service listening on the alerts channel").atMost(Duration.ofSeconds(20))
				.until(() -> cluster.subscribers("scan:alerts") > 0);
			scan(employee, code, "37.6", "cluster-3").expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.decision")
				.isEqualTo("DENY");
		}).assertNext(event -> {
			assertThat(event.event()).isEqualTo("fever");
			assertThat(event.data()).containsEntry("placeName", "大门");
		}).thenCancel().verify(Duration.ofSeconds(30));
		assertThat(rows(person)).isEqualTo(2);

		// The place's and the enterprise's counts, written by one script.
		Map<String, Object> expected = Map.of("admitted", 1, "denied", 1, "fevers", 1);
		await("today's counts").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(counts("/api/v1/places/{id}/scan-counts/today", place, manager)).isEqualTo(expected);
			assertThat(counts("/api/v1/enterprises/{id}/scan-counts/today", enterpriseId, manager)).isEqualTo(expected);
		});
	}

	@Test
	void aConsoleSignInHearsTheScanAndTheConfirm() {
		QrSignInFlow.streamHearsScanAndConfirm(web, web);
	}

	private static WebTestClient.ResponseSpec scan(String token, String code, String temperature, String clientScanId) {
		Map<String, Object> body = new HashMap<>(Map.of("code", code, "clientScanId", clientScanId));
		if (temperature != null) {
			body.put("temperature", new java.math.BigDecimal(temperature));
		}
		return web.post().uri("/api/v1/scans").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
	}

	private static Map<String, Object> counts(String uri, UUID id, String token) {
		return web.get()
			.uri(uri, id)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private static long rows(UUID person) {
		return service.getBean(DatabaseClient.class)
			.sql("SELECT count(*) FROM scan_in WHERE person_id = :p")
			.bind("p", person)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
