package dev.fugong.guide;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.shared.security.TokenService;
import dev.fugong.stats.domain.FactsRefresher;
import dev.fugong.support.Demo;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.GuideFixture.SignedIn;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13 as a new user tries it: an official stations demo-guide and a second guide in
 * an enterprise; demo-guide signs in to the console by QR code, sees the enterprise with
 * today's figures prefilled, files the report and a supplies problem; the official's
 * dashboard and missing-report list change accordingly.
 */
@IntegrationTest
class GuideJourneyIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat codes;

	@Autowired
	FactsRefresher refresher;

	@Test
	void anOfficialStationsTwoGuidesAndTheDashboardFollowsWhatTheyFile() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		TestTokens tokens = new TestTokens(tokenService);
		String official = tokens.official();
		UUID factory = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID gate = Requests.createPlace(web, tokens.managerOf(factory), factory, "北门", false);
		// Whatever other tests wrote around the service is counted before the journey
		// starts.
		refresher.reconcile().block(Duration.ofSeconds(60));
		Map<String, Object> before = total(official);

		// The official stations demo-guide (for the park) and a second guide (health).
		SignedIn demoGuide = GuideFixture.signIn(web, "demo-guide");
		GuideFixture.assigned(web, official, demoGuide.userId(), factory, "PARK");
		GuideFixture.assigned(web, official, GuideFixture.newUser(web).userId(), factory, "HEALTH");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(total(official)).containsEntry("guided", number(before, "guided") + 1));
		assertThat(missing(official)).contains(factory.toString());

		// Someone scans in at the gate this morning.
		String employee = WeChatSignIn.employee(web, "138");
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(Map.of("code", codes.place(gate, 1), "clientScanId", "journey-" + UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isCreated();

		// demo-guide signs in to the console by scanning its code with the mini-program.
		String console = GuideFixture.console(web, demoGuide).accessToken();
		Map<String, Object> stationed = web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(console))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.stream()
			.filter(item -> item.get("enterpriseId").equals(factory.toString()))
			.findFirst()
			.orElseThrow();
		assertThat(stationed).containsEntry("department", "PARK");
		assertThat((List<?>) stationed.get("team")).hasSize(2);
		@SuppressWarnings("unchecked")
		Map<String, Object> today = (Map<String, Object>) stationed.get("today");
		assertThat(today).containsEntry("reported", false).containsEntry("returned", 1);

		// It confirms the figures (and adds what only it knows), and reports a
		// difficulty.
		Map<String, Object> report = GuideFixture.report(factory, 1, 0);
		report.put("planned", 120);
		GuideFixture.file(web, console, report).expectStatus().isCreated();
		GuideFixture.problem(web, console, factory, "SUPPLIES", "测温枪仅 2 把，需协调采购").expectStatus().isCreated();

		// The official's dashboard and missing list follow.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Map<String, Object> after = total(official);
			assertThat(after).containsEntry("reportedToday", number(before, "reportedToday") + 1)
				.containsEntry("openProblems", number(before, "openProblems") + 1);
		});
		assertThat(missing(official)).doesNotContain(factory.toString());
		web.get()
			.uri("/api/v1/problems?enterpriseId={e}&status=OPEN", factory)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].category")
			.isEqualTo("SUPPLIES");
	}

	private Map<String, Object> total(String official) {
		@SuppressWarnings("unchecked")
		Map<String, Object> total = (Map<String, Object>) web.get()
			.uri("/api/v1/stats/resumption?zoneId={z}", Demo.PARK_GRID)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("total");
		return total;
	}

	private List<Object> missing(String official) {
		return GuideAssignmentIT
			.items(web.get()
				.uri("/api/v1/guide-reports/missing?zoneId={z}&size=500", Demo.PARK_GRID)
				.headers(h -> h.setBearerAuth(official))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody())
			.stream()
			.map(item -> item.get("enterpriseId"))
			.toList();
	}

	private static int number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).intValue();
	}

}
