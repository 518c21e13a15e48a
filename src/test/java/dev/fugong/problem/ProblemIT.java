package dev.fugong.problem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.problem.domain.ProblemProperties;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 企业困难问题 over HTTP: reported by a guide, a manager or an official; OPEN → IN_PROGRESS →
 * RESOLVED by officials with who, when and the answer, every other move refused; overdue
 * ones listed for officials; an enterprise's open ones on its page.
 */
@IntegrationTest
class ProblemIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	@Autowired
	ProblemProperties properties;

	TestTokens tokens;

	String official;

	UUID enterprise;

	String guide;

	String manager;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		official = tokens.official();
		enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		guide = tokens.issue(UUID.randomUUID(), Audience.CONSOLE, new Grant(Role.GUIDE, enterprise));
		manager = tokens.managerOf(enterprise);
	}

	@Test
	void aProblemGoesFromOpenToInProgressToResolvedWithWhoWhenAndTheAnswer() {
		Map<String, Object> reported = GuideFixture.problem(web, guide, enterprise, "SUPPLIES", "口罩储备仅够 3 天")
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("Location")
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(reported).containsEntry("status", "OPEN")
			.containsEntry("category", "SUPPLIES")
			.containsEntry("overdue", false)
			.containsEntry("description", "口罩储备仅够 3 天");
		UUID id = UUID.fromString((String) reported.get("id"));

		// Straight to RESOLVED is refused, and so is resolving without an answer.
		GuideFixture.move(web, official, id, "RESOLVED", "已解决")
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_transition");
		GuideFixture.move(web, official, id, "IN_PROGRESS", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("IN_PROGRESS")
			.jsonPath("$.takenBy")
			.isEqualTo(Demo.OFFICIAL_USER.toString())
			.jsonPath("$.takenAt")
			.isNotEmpty();
		GuideFixture.move(web, official, id, "IN_PROGRESS", null).expectStatus().isEqualTo(409);
		GuideFixture.move(web, official, id, "OPEN", null).expectStatus().isEqualTo(409);
		GuideFixture.move(web, official, id, "RESOLVED", null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("answer");
		Map<String, Object> resolved = GuideFixture.move(web, official, id, "RESOLVED", "已协调调拨口罩 5000 只")
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(resolved).containsEntry("status", "RESOLVED")
			.containsEntry("answer", "已协调调拨口罩 5000 只")
			.containsEntry("resolvedBy", Demo.OFFICIAL_USER.toString());
		assertThat(resolved.get("resolvedAt")).isNotNull();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> steps = (List<Map<String, Object>>) resolved.get("steps");
		assertThat(steps).extracting(step -> step.get("to")).containsExactly("OPEN", "IN_PROGRESS", "RESOLVED");
		assertThat(steps.get(2)).containsEntry("note", "已协调调拨口罩 5000 只");
		// RESOLVED is final.
		for (String next : List.of("OPEN", "IN_PROGRESS")) {
			GuideFixture.move(web, official, id, next, null).expectStatus().isEqualTo(409);
		}
		GuideFixture.move(web, official, id, "RESOLVED", "再次").expectStatus().isEqualTo(409);
		// The reporter reads the answer; only officials move problems on.
		web.get()
			.uri("/api/v1/problems/{id}", id)
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.answer")
			.isEqualTo("已协调调拨口罩 5000 只");
		UUID another = GuideFixture.problemId(web, manager, enterprise, "LABOUR");
		GuideFixture.move(web, guide, another, "IN_PROGRESS", null).expectStatus().isForbidden();
		GuideFixture.move(web, manager, another, "IN_PROGRESS", null).expectStatus().isForbidden();
		GuideFixture.move(web, tokens.townOfficial(), another, "IN_PROGRESS", null).expectStatus().isNotFound();
	}

	@Test
	void guidesManagersAndOfficialsReportAndTheEnterprisesPageShowsTheOpenOnes() {
		UUID byGuide = GuideFixture.problemId(web, guide, enterprise, "SUPPLIES");
		UUID byManager = GuideFixture.problemId(web, manager, enterprise, "ENERGY");
		UUID byOfficial = GuideFixture.problemId(web, official, enterprise, "POLICY");
		GuideFixture.move(web, official, byOfficial, "IN_PROGRESS", null).expectStatus().isOk();
		UUID solved = GuideFixture.problemId(web, guide, enterprise, "FUNDING");
		GuideFixture.move(web, official, solved, "IN_PROGRESS", null).expectStatus().isOk();
		GuideFixture.move(web, official, solved, "RESOLVED", "已办理贷款展期").expectStatus().isOk();
		// Gate staff and employees of the enterprise do not report.
		GuideFixture
			.problem(web, tokens.console(UUID.randomUUID(), Role.GATE_STAFF, enterprise, null), enterprise, "OTHER",
					"x")
			.expectStatus()
			.isForbidden();
		GuideFixture.problem(web, guide, enterprise, "WEATHER", "x").expectStatus().isBadRequest();
		GuideFixture.problem(web, guide, enterprise, "OTHER", "  ").expectStatus().isBadRequest();

		for (String token : List.of(guide, manager, official)) {
			List<Map<String, Object>> page = web.get()
				.uri("/api/v1/enterprises/{id}/problems", enterprise)
				.headers(h -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBodyList(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(page).extracting(problem -> problem.get("id"))
				.containsExactly(byGuide.toString(), byManager.toString(), byOfficial.toString());
		}
		Map<String, Object> supplies = web.get()
			.uri("/api/v1/problems?enterpriseId={e}&category=SUPPLIES", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(supplies)).extracting(problem -> problem.get("id")).containsExactly(byGuide.toString());
		Map<String, Object> resolved = web.get()
			.uri("/api/v1/problems?zoneId={z}&status=RESOLVED", Demo.PARK_GRID)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(resolved)).extracting(problem -> problem.get("id")).contains(solved.toString());
		assertThat(items(resolved)).allSatisfy(problem -> assertThat(problem).containsEntry("status", "RESOLVED"));
	}

	@Test
	void problemsUnresolvedPastTheSettingAreOverdueForTheOfficialsOfTheirZone() {
		UUID fresh = GuideFixture.problemId(web, guide, enterprise, "LOGISTICS");
		UUID old = GuideFixture.problemId(web, guide, enterprise, "LOGISTICS");
		UUID oldInHand = GuideFixture.problemId(web, guide, enterprise, "LABOUR");
		UUID oldResolved = GuideFixture.problemId(web, guide, enterprise, "LABOUR");
		GuideFixture.move(web, official, oldInHand, "IN_PROGRESS", null).expectStatus().isOk();
		GuideFixture.move(web, official, oldResolved, "IN_PROGRESS", null).expectStatus().isOk();
		GuideFixture.move(web, official, oldResolved, "RESOLVED", "已解决").expectStatus().isOk();
		Instant now = Instant.now();
		age(old, now.minus(properties.overdueAfter()).minus(Duration.ofMinutes(2)));
		age(oldInHand, now.minus(properties.overdueAfter()).minus(Duration.ofMinutes(3)));
		age(oldResolved, now.minus(properties.overdueAfter()).minus(Duration.ofMinutes(4)));
		age(fresh, now.minus(properties.overdueAfter()).plus(Duration.ofMinutes(2)));

		Map<String, Object> overdue = web.get()
			.uri("/api/v1/problems/overdue?zoneId={z}&size=100", Demo.PARK_GRID)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		List<Object> ids = items(overdue).stream().map(problem -> problem.get("id")).toList();
		assertThat(ids).contains(old.toString(), oldInHand.toString())
			.doesNotContain(fresh.toString(), oldResolved.toString());
		// Oldest first.
		assertThat(ids.indexOf(oldInHand.toString())).isLessThan(ids.indexOf(old.toString()));
		assertThat(items(overdue)).allSatisfy(problem -> assertThat(problem).containsEntry("overdue", true));
		// Outside the official's zones: refused; the town's official sees none of them.
		web.get()
			.uri("/api/v1/problems/overdue?zoneId={z}", Demo.TOWN)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
		Map<String, Object> town = web.get()
			.uri("/api/v1/problems/overdue?size=100")
			.headers(h -> h.setBearerAuth(tokens.townOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(town)).extracting(problem -> problem.get("enterpriseId"))
			.doesNotContain(enterprise.toString());
		// Guides and managers see the flag on their own list, not the officials' list.
		web.get()
			.uri("/api/v1/problems/overdue")
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.isForbidden();
		Map<String, Object> own = web.get()
			.uri("/api/v1/problems?overdue=true")
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(own)).extracting(problem -> problem.get("id"))
			.containsExactly(oldInHand.toString(), old.toString());
	}

	private void age(UUID problem, Instant reportedAt) {
		database.sql("UPDATE problem SET reported_at = :at WHERE id = :id")
			.bind("at", reportedAt)
			.bind("id", problem)
			.then()
			.block();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

}
