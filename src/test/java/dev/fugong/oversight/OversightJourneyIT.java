package dev.fugong.oversight;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's "done when", as a new user would go through it: a new person applies for
 * 青杠机械厂, an official accepts; the new manager signs in to the console and files with a
 * PDF attached; the official approves and the plate is BLUE; an inspection fails on masks
 * and the plate is YELLOW; a complaint gets a receipt; two officials turn the plate RED
 * and the factory's gate denies an employee.
 */
@IntegrationTest
class OversightJourneyIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		// A first request right after the shared context starts, on a busy two-core box,
		// can take longer than WebTestClient's default 5 s.
		web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
	}

	@Test
	void fromApplicationToARedPlateThatTurnsAnEmployeeAway() {
		// A new person signs in with WeChat and applies.
		Map<String, Object> signedIn = WeChatSignIn.signIn(web, "wx-qinggang-" + UUID.randomUUID());
		String applicant = (String) signedIn.get("accessToken");
		String uscc = Fixtures.uscc();
		Map<String, Object> application = post(applicant, "/api/v1/enterprise-applications",
				Map.of("name", "青杠机械厂", "uscc", uscc, "industry", "MANUFACTURING", "batch", 3, "zoneId",
						Demo.PARK_GRID.toString(), "address", "高新区青杠路 8 号", "headcount", 60))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(application).containsEntry("state", "SUBMITTED");

		// The park's official sees it waiting and accepts it.
		String official = tokens.official();
		Map<String, Object> queue = get(official, "/api/v1/enterprise-applications?status=SUBMITTED&size=100");
		assertThat((List<Map<String, Object>>) queue.get("items")).extracting(item -> item.get("id"))
			.contains(application.get("id"));
		Map<String, Object> accepted = post(official,
				"/api/v1/enterprise-applications/" + application.get("id") + "/accept", Map.of("reason", "材料齐全"))
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(accepted).containsEntry("state", "ACCEPTED");
		UUID factory = UUID.fromString((String) accepted.get("enterpriseId"));

		// The applicant's next refresh carries the manager's grant; it signs in to the
		// console by scanning the console's code.
		String refreshed = (String) web.post()
			.uri("/api/v1/auth/token/refresh")
			.bodyValue(Map.of("refreshToken", signedIn.get("refreshToken")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("accessToken");
		Map<String, Object> me = get(refreshed, "/api/v1/me");
		assertThat((List<Map<String, Object>>) me.get("grants"))
			.anySatisfy(grant -> assertThat(grant).containsEntry("role", "ENTERPRISE_MANAGER")
				.containsEntry("enterpriseId", factory.toString()));
		String manager = consoleSignIn(refreshed);

		// The manager files, with the signed commitment letter as a PDF.
		Map<String, Object> filing = OversightFixture.file(web, manager, factory);
		assertThat(filing).containsEntry("state", "SUBMITTED");
		assertThat((List<String>) filing.get("missingFiles")).containsExactly("COMMITMENT_LETTER");
		OversightFixture
			.upload(web, manager, filing.get("id"), "COMMITMENT_LETTER", "承诺书.pdf", OversightFixture.PDF,
					MediaType.APPLICATION_PDF)
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.contentType")
			.isEqualTo("application/pdf");

		// The official reviews, inspects the site and approves: BLUE, operating.
		for (String step : List.of("review", "inspect", "approve")) {
			OversightFixture.step(web, official, filing.get("id"), step, "通过").expectStatus().isOk();
		}
		assertThat(OversightFixture.enterpriseOf(web, official, factory)).containsEntry("plate", "BLUE")
			.containsEntry("status", "OPERATING");

		// A gate, and an employee who scans in.
		UUID gate = Requests.createPlace(web, manager, factory, "大门", false);
		String code = (String) get(manager, "/api/v1/places/" + gate + "/qrcode?format=json").get("content");
		String employee = WeChatSignIn.employee(web, "139");
		assertThat(scan(employee, code)).containsEntry("decision", "ADMIT");

		// An inspection finds masks off on the line: YELLOW, with a date to rectify by.
		Map<String, Object> inspection = OversightFixture
			.inspect(web, official, factory, "ROUTINE", Set.of("MASKS_ON_LINE"))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(inspection).containsEntry("passed", false);
		assertThat((Map<String, Object>) inspection.get("plateChange")).containsEntry("color", "YELLOW")
			.containsEntry("state", "EFFECTIVE")
			.containsKey("rectifyBy");
		assertThat(OversightFixture.enterpriseOf(web, official, factory)).containsEntry("plate", "YELLOW");

		// Someone reports the factory, without signing in: a receipt to follow it by.
		String receipt = (String) web.post()
			.uri("/api/v1/complaints")
			.header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 200)))
			.bodyValue(Map.of("enterpriseId", factory.toString(), "category", "MASKS", "text", "车间里很多人不戴口罩"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("receipt");
		web.get()
			.uri("/api/v1/complaints/receipts/{r}", receipt)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("RECEIVED");

		// One official proposes RED; it cannot confirm its own; a second official does.
		Map<String, Object> red = OversightFixture.plate(web, official, factory, "RED", null)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(red).containsEntry("state", "AWAITING_CONFIRMATION");
		assertThat(OversightFixture.enterpriseOf(web, official, factory)).containsEntry("plate", "YELLOW");
		post(official, "/api/v1/plate-changes/" + red.get("changeId") + "/confirm", Map.of()).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("own_change");
		String secondOfficial = tokens.console(UUID.fromString("00000000-0000-7000-8000-000000000303"), Role.OFFICIAL,
				null, Demo.PARK);
		post(secondOfficial, "/api/v1/plate-changes/" + red.get("changeId") + "/confirm", Map.of("note", "同意停产"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("EFFECTIVE");
		assertThat(OversightFixture.enterpriseOf(web, official, factory)).containsEntry("plate", "RED")
			.containsEntry("status", "SUSPENDED");

		// The gate turns the employee away, saying why, within seconds.
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			Map<String, Object> denied = scan(employee, code);
			assertThat(denied).containsEntry("decision", "DENY");
			assertThat((List<String>) denied.get("reasons")).contains("ENTERPRISE_RED_PLATE", "ENTERPRISE_SUSPENDED");
		});
	}

	/** The console's QR sign-in, confirmed with the mini-program token. */
	private String consoleSignIn(String miniProgramToken) {
		Map<String, Object> ticket = web.post()
			.uri("/api/v1/auth/qr-login")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		for (String action : List.of("scan", "confirm")) {
			web.post()
				.uri("/api/v1/auth/qr-login/{t}/{a}", ticket.get("ticket"), action)
				.headers(h -> h.setBearerAuth(miniProgramToken))
				.exchange()
				.expectStatus()
				.is2xxSuccessful();
		}
		return (String) web.get()
			.uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket"))
			.header("X-Ticket-Secret", (String) ticket.get("secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("accessToken");
	}

	private Map<String, Object> scan(String employee, String code) {
		return web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(Map.of("code", code, "clientScanId", "journey-" + UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec post(String token, String path, Object body) {
		return web.post().uri(path).headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
	}

	private Map<String, Object> get(String token, String path) {
		return web.get()
			.uri(path)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
