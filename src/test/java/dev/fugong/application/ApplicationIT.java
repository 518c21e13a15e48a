package dev.fugong.application;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enterprise applications over HTTP: every transition allowed and refused, a USCC taken
 * or already waiting, scope (another zone's officials, other applicants).
 */
@IntegrationTest
class ApplicationIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		// A first request right after the shared context starts, on a busy two-core box,
		// can take longer than WebTestClient's default 5 s.
		web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
	}

	@Test
	void acceptingRegistersTheEnterpriseAndMakesTheApplicantItsManager() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		Map<String, Object> application = apply(applicant, Fixtures.uscc());

		Map<String, Object> accepted = decide(tokens.official(), application, "accept", Map.of()).expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(accepted).containsEntry("state", "ACCEPTED").containsKey("enterpriseId");
		Map<String, Object> enterprise = web.get()
			.uri("/api/v1/enterprises/{id}", accepted.get("enterpriseId"))
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(enterprise).containsEntry("uscc", application.get("uscc"))
			.containsEntry("status", "PREPARING")
			.containsEntry("name", application.get("name"));
		Long grants = database
			.sql("SELECT count(*) FROM role_grant g JOIN app_user u ON u.id = g.user_id WHERE g.role = "
					+ "'ENTERPRISE_MANAGER' AND g.enterprise_id = :e AND g.revoked_at IS NULL")
			.bind("e", UUID.fromString((String) accepted.get("enterpriseId")))
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(grants).isEqualTo(1);
		// The applicant reads its own application; a decided one cannot be decided again.
		web.get()
			.uri("/api/v1/enterprise-applications/{id}", application.get("id"))
			.headers(h -> h.setBearerAuth(applicant))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("ACCEPTED");
		for (String action : new String[] { "accept", "refuse" }) {
			decide(tokens.official(), application, action, Map.of("reason", "again")).expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_transition");
		}
		web.post()
			.uri("/api/v1/enterprise-applications/{id}/withdraw", application.get("id"))
			.headers(h -> h.setBearerAuth(applicant))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	@Test
	void refusingNeedsAReasonAndIsFinal() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		Map<String, Object> application = apply(applicant, Fixtures.uscc());

		decide(tokens.official(), application, "refuse", Map.of()).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reason");
		decide(tokens.official(), application, "refuse", Map.of("reason", "地址不在园区")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("REFUSED")
			.jsonPath("$.reason")
			.isEqualTo("地址不在园区");
		decide(tokens.official(), application, "accept", Map.of()).expectStatus().isEqualTo(409);
		// Refused, the applicant may apply again with the same USCC.
		apply(applicant, (String) application.get("uscc"));
	}

	@Test
	void theApplicantWithdrawsWhileItWaitsAndNobodyElseCan() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		String stranger = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		Map<String, Object> application = apply(applicant, Fixtures.uscc());

		web.post()
			.uri("/api/v1/enterprise-applications/{id}/withdraw", application.get("id"))
			.headers(h -> h.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.post()
			.uri("/api/v1/enterprise-applications/{id}/withdraw", application.get("id"))
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isForbidden();
		web.post()
			.uri("/api/v1/enterprise-applications/{id}/withdraw", application.get("id"))
			.headers(h -> h.setBearerAuth(applicant))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("WITHDRAWN");
		decide(tokens.official(), application, "accept", Map.of()).expectStatus().isEqualTo(409);
	}

	@Test
	void aRegisteredOrWaitingUsccIsRefusedClearly() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		// 瑞润电子's USCC is registered.
		Map<String, Object> body = body("91500227MA5U7XK00Y");
		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("uscc_taken");
		String uscc = Fixtures.uscc();
		apply(applicant, uscc);
		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID())))
			.bodyValue(body(uscc))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("application_pending");
	}

	@Test
	void badFieldsAreNamedAndChangeNothing() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		Map<String, Object> body = new HashMap<>(body(Fixtures.uscc()));
		body.put("uscc", "91500227MA61B2CL1D");
		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("uscc");
		body.put("uscc", Fixtures.uscc());
		body.put("zoneId", UUID.randomUUID().toString());
		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("zoneId");
		web.get()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void anotherZonesOfficialNeitherSeesNorDecides() {
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		Map<String, Object> application = apply(applicant, Fixtures.uscc());
		String town = tokens.townOfficial();

		web.get()
			.uri("/api/v1/enterprise-applications/{id}", application.get("id"))
			.headers(h -> h.setBearerAuth(town))
			.exchange()
			.expectStatus()
			.isNotFound();
		decide(town, application, "accept", Map.of()).expectStatus().isNotFound();
		decide(town, application, "refuse", Map.of("reason", "x")).expectStatus().isNotFound();
		Map<String, Object> list = web.get()
			.uri("/api/v1/enterprise-applications?size=100")
			.headers(h -> h.setBearerAuth(town))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(list.toString()).doesNotContain((String) application.get("id"));
		// Another applicant sees neither it nor it in its list; a manager cannot decide.
		String stranger = WeChatSignIn.miniProgramToken(web, "wx-app-" + UUID.randomUUID());
		web.get()
			.uri("/api/v1/enterprise-applications/{id}", application.get("id"))
			.headers(h -> h.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		decide(tokens.manager(), application, "accept", Map.of()).expectStatus().isForbidden();
		// The park's officials see it in their queue.
		assertThat(web.get()
			.uri("/api/v1/enterprise-applications?status=SUBMITTED&size=100")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains((String) application.get("id"));
	}

	private Map<String, Object> apply(String token, String uscc) {
		return web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body(uscc))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private static Map<String, Object> body(String uscc) {
		return Map.of("name", "申请企业 " + uscc, "uscc", uscc, "industry", "MANUFACTURING", "batch", 3, "zoneId",
				Demo.PARK.toString(), "address", "高新区 9 号", "headcount", 30);
	}

	private WebTestClient.ResponseSpec decide(String token, Map<String, Object> application, String action,
			Map<String, Object> body) {
		return web.post()
			.uri("/api/v1/enterprise-applications/{id}/{action}", application.get("id"), action)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

}
