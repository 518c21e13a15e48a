package dev.fugong.scanin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scan-ins as the mini-program and gate staff meet them, against real PostgreSQL and
 * Redis.
 */
@IntegrationTest
class ScanIT {

	/** ARGV: a channel. How many connections are subscribed to it. */
	private static final RedisScript<Long> NUMSUB = RedisScript.of("return redis.call('PUBSUB', 'NUMSUB', ARGV[1])[2]",
			Long.class);

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	PersonService persons;

	@Autowired
	DatabaseClient database;

	@Autowired
	PersonalDataCipher cipher;

	@Autowired
	ReactiveStringRedisTemplate redis;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void anEmployeeIsAdmittedOnceAndARetryReturnsTheSameAnswer() {
		Employee employee = employee();
		UUID place = place(Demo.RUIRUN, false);
		Map<String, Object> first = scan(employee, format.place(place, 1), null, "retry-1").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(first).containsEntry("decision", "ADMIT").containsEntry("passColor", "GREEN");
		assertThat((Map<String, Object>) first.get("place")).containsEntry("enterpriseName", "瑞润电子有限公司");

		Map<String, Object> again = scan(employee, format.place(place, 1), null, "retry-1").expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(again.get("scanId")).isEqualTo(first.get("scanId"));
		assertThat(rows(employee.person())).isEqualTo(1);
	}

	@Test
	void fiftyConcurrentIdenticalScansStoreOneRow() {
		Employee employee = employee();
		String code = format.place(place(Demo.RUIRUN, false), 1);
		List<CompletableFuture<WebTestClient.ResponseSpec>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> scan(employee, code, null, "same-scan")));
		}
		List<Integer> statuses = new ArrayList<>();
		List<Object> ids = new ArrayList<>();
		for (var call : calls) {
			var result = call.join().expectBody(Json.OBJECT).returnResult();
			statuses.add(result.getStatus().value());
			ids.add(result.getResponseBody().get("scanId"));
		}
		assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(rows(employee.person())).isEqualTo(1);
	}

	@Test
	void aRepeatWithinTheWindowIsRecordedOnceUnlessItBringsATemperature() {
		Employee employee = employee();
		String code = format.place(place(Demo.RUIRUN, false), 1);
		Object first = scan(employee, code, null, "w-1").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		Object repeat = scan(employee, code, null, "w-2").expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		assertThat(repeat).isEqualTo(first);

		scan(employee, code, "36.6", "w-3").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("ADMIT");
		scan(employee, code, "37.3", "w-4").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("DENY")
			.jsonPath("$.reasons[0]")
			.isEqualTo("FEVER")
			.jsonPath("$.feverClinic")
			.isEqualTo(true)
			.jsonPath("$.passColor")
			.isEqualTo("RED");
		assertThat(rows(employee.person())).isEqualTo(3);
		web.get()
			.uri("/api/v1/me/scans?days=14")
			.headers(h -> h.setBearerAuth(employee.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(3)
			.jsonPath("$.items.length()")
			.isEqualTo(3)
			.jsonPath("$.items[0].decision")
			.isEqualTo("DENY")
			.jsonPath("$.items[0].enterpriseName")
			.isEqualTo("瑞润电子有限公司")
			.jsonPath("$.items[0].temperature")
			.doesNotExist();
		// A list, as every list answers: paged, with the total of the window.
		web.get()
			.uri("/api/v1/me/scans?days=14&page=1&size=2")
			.headers(h -> h.setBearerAuth(employee.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page")
			.isEqualTo(1)
			.jsonPath("$.size")
			.isEqualTo(2)
			.jsonPath("$.total")
			.isEqualTo(3)
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].decision")
			.isEqualTo("ADMIT");

		byte[] stored = database.sql("SELECT temperature_cipher FROM scan_in WHERE person_id = :p AND fever")
			.bind("p", employee.person())
			.map(row -> row.get(0, byte[].class))
			.one()
			.block();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("37.3");
		assertThat(cipher.decrypt(stored, PersonalDataCipher.Column.SCAN_TEMPERATURE)).isEqualTo("37.3");
	}

	@Test
	void badTemperaturesAndBadCodesAreProblemsAndStoreNothing() {
		Employee employee = employee();
		String code = format.place(place(Demo.RUIRUN, false), 1);
		for (String temperature : List.of("33.9", "43.1", "\"abc\"", "\"NaN\"", "1e400")) {
			web.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employee.token()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"code\":\"" + code + "\",\"clientScanId\":\"t-" + UUID.randomUUID()
						+ "\",\"temperature\":" + temperature + "}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		// A character of the signature changed (the last one may carry unused bits).
		int at = code.length() - 5;
		String forged = code.substring(0, at) + (code.charAt(at) == 'A' ? 'B' : 'A') + code.substring(at + 1);
		scan(employee, forged, null, "forged").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.value(value -> assertThat((String) value).isIn("code_bad_signature", "code_bad_encoding"));
		scan(employee, "https://evil.example/q/x", null, "elsewhere").expectStatus().isBadRequest();
		assertThat(rows(employee.person())).isZero();
	}

	@Test
	void aRedPlateClosesTheGatesAndTheManagerHearsOfItLive() {
		Map<String, Object> enterprise = web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(dev.fugong.support.Fixtures.enterprise(Demo.PARK))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		UUID enterpriseId = UUID.fromString((String) enterprise.get("id"));
		database.sql("UPDATE enterprise SET plate = 'RED' WHERE id = :id").bind("id", enterpriseId).then().block();
		UUID place = Requests.createPlace(web, tokens.official(), enterpriseId, "大门", false);

		var alerts = web.get()
			.uri("/api/v1/alerts/stream")
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterpriseId)))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.filter(event -> event.event() != null);

		Employee employee = employee();
		StepVerifier.create(alerts.take(1)).then(() -> {
			// The stream's first line comes before the service's Redis subscription is in
			// place: scan once Redis counts a subscriber on the alerts channel, so the
			// alert cannot be published before anyone listens. (No other test opens an
			// alert stream, so that subscriber is this one.)
			await("the service listening on the alerts channel").atMost(Duration.ofSeconds(20))
				.until(() -> alertSubscribers() > 0);
			scan(employee, format.place(place, 1), null, "red").expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.decision")
				.isEqualTo("DENY")
				.jsonPath("$.reasons[0]")
				.isEqualTo("ENTERPRISE_RED_PLATE")
				.jsonPath("$.passColor")
				.isEqualTo("GREEN");
		}).assertNext(event -> {
			assertThat(event.event()).isEqualTo("denied");
			assertThat(event.data()).containsEntry("placeName", "大门").doesNotContainKey("personId");
		}).thenCancel().verify(Duration.ofSeconds(30));

		web.get()
			.uri("/api/v1/enterprises/{id}/scan-counts/today", enterpriseId)
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterpriseId)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.denied")
			.isEqualTo(1)
			.jsonPath("$.admitted")
			.isEqualTo(0);
		web.get()
			.uri("/api/v1/places/{id}/scan-counts/today", place)
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterpriseId)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.denied")
			.isEqualTo(1);
		// Another enterprise's manager cannot see that the place exists.
		web.get()
			.uri("/api/v1/places/{id}/scan-counts/today", place)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void gateStaffScanAPassCodeAndAPrintedCodeIsDeniedWhereTheScreensCodeIsRequired() {
		Employee employee = employee();
		String pass = (String) web.get()
			.uri("/api/v1/me/pass-code")
			.headers(h -> h.setBearerAuth(employee.token()))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");
		UUID gate = place(Demo.RUIRUN, true);
		java.util.function.Supplier<WebTestClient.ResponseSpec> gateScan = () -> web.post()
			.uri("/api/v1/places/{id}/scans", gate)
			.headers(h -> h.setBearerAuth(tokens.gateStaff()))
			.bodyValue(Map.of("passCode", pass, "temperature", 36.4, "clientScanId", "gate-1"))
			.exchange();
		gateScan.get().expectStatus().isCreated().expectBody().jsonPath("$.decision").isEqualTo("ADMIT");
		// The gate phone's retry of the same scan: the first answer, nothing recorded.
		gateScan.get()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("ADMIT")
			.jsonPath("$.recorded")
			.isEqualTo(false);
		scan(employee, pass, null, "pass-as-place").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("code_wrong_kind");
		scan(employee, format.place(gate, 1), null, "printed").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.reasons[0]")
			.isEqualTo("DYNAMIC_CODE_REQUIRED");
		web.post()
			.uri("/api/v1/places/{id}/scans", gate)
			.headers(h -> h.setBearerAuth(employee.token()))
			.bodyValue(Map.of("passCode", pass, "clientScanId", "not-staff"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private WebTestClient.ResponseSpec scan(Employee employee, String code, String temperature, String clientScanId) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("code", code, "clientScanId", clientScanId));
		if (temperature != null) {
			body.put("temperature", new java.math.BigDecimal(temperature));
		}
		return web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee.token()))
			.bodyValue(body)
			.exchange();
	}

	private long rows(UUID person) {
		return database.sql("SELECT count(*) FROM scan_in WHERE person_id = :p")
			.bind("p", person)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	private UUID place(UUID enterprise, boolean dynamic) {
		return Requests.createPlace(web, tokens.manager(), enterprise,
				"闸机 " + UUID.randomUUID().toString().substring(0, 4), dynamic);
	}

	private Employee employee() {
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("135");
		WeChatSignIn.bindPhone(web, token, phone);
		return new Employee(token, persons.findByPhone(phone).block().id());
	}

	/** How many connections Redis counts subscribed to the channel of scan alerts. */
	private long alertSubscribers() {
		return redis.execute(NUMSUB, List.of(), List.of("scan:alerts")).blockFirst();
	}

	record Employee(String token, UUID person) {
	}

}
