package dev.fugong.guide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of issue 13 tried with another zone's official, another enterprise's
 * guide and another enterprise's manager on a park enterprise's records: records answer
 * 404 (their existence does not leak), filters outside the caller's scope 403
 * {@code out_of_scope}, lists leave the records out, and nothing changes.
 */
@IntegrationTest
class GuideScopeIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	UUID enterprise;

	UUID assignment;

	UUID report;

	UUID problem;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		String official = tokens.official();
		enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID guide = GuideFixture.newUser(web).userId();
		assignment = GuideFixture.assigned(web, official, guide, enterprise, "PARK");
		String guideToken = tokens.issue(guide, Audience.CONSOLE, new Grant(Role.GUIDE, enterprise));
		report = UUID.fromString((String) GuideFixture.file(web, guideToken, GuideFixture.report(enterprise, 4, 1))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
		problem = GuideFixture.problemId(web, guideToken, enterprise, "SUPPLIES");
	}

	record Case(HttpMethod method, String path, Object body, int status, String code) {

		static Case of(HttpMethod method, String path, Object body, int status) {
			return new Case(method, path, body, status, null);
		}

	}

	@Test
	void anotherZonesOfficialFindsNothingAndIsRefusedItsFilters() {
		String town = GuideFixture.newOfficial(web, tokens, Demo.TOWN);
		UUID someone = GuideFixture.newUser(web).userId();
		List<Case> cases = new ArrayList<>(List.of(
				Case.of(HttpMethod.POST, "/api/v1/guide-assignments",
						Map.of("guideUserId", someone.toString(), "enterpriseId", enterprise.toString(), "department",
								"TOWN"),
						404),
				Case.of(HttpMethod.GET, "/api/v1/guide-assignments/" + assignment, null, 404),
				Case.of(HttpMethod.DELETE, "/api/v1/guide-assignments/" + assignment, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/guide-assignments?enterpriseId=" + enterprise, null, 404),
				new Case(HttpMethod.GET, "/api/v1/guide-assignments?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				Case.of(HttpMethod.GET, "/api/v1/guide-reports/" + report, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/guide-reports?enterpriseId=" + enterprise, null, 404),
				new Case(HttpMethod.GET, "/api/v1/guide-reports?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				new Case(HttpMethod.GET, "/api/v1/guide-reports/missing?zoneId=" + Demo.PARK, null, 403,
						"out_of_scope"),
				Case.of(HttpMethod.POST, "/api/v1/problems",
						Map.of("enterpriseId", enterprise.toString(), "category", "OTHER", "description", "x"), 404),
				Case.of(HttpMethod.GET, "/api/v1/problems/" + problem, null, 404),
				Case.of(HttpMethod.PATCH, "/api/v1/problems/" + problem, Map.of("status", "IN_PROGRESS"), 404),
				Case.of(HttpMethod.GET, "/api/v1/problems?enterpriseId=" + enterprise, null, 404),
				new Case(HttpMethod.GET, "/api/v1/problems?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				new Case(HttpMethod.GET, "/api/v1/problems/overdue?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/problems", null, 404)));
		for (String table : List.of("resumption", "guide-reports", "problems")) {
			cases.add(new Case(HttpMethod.GET, "/api/v1/stats/" + table + "?zoneId=" + Demo.PARK, null, 403,
					"out_of_scope"));
			cases.add(new Case(HttpMethod.GET, "/api/v1/stats/" + table + "/export?zoneId=" + Demo.PARK, null, 403,
					"out_of_scope"));
		}
		cases.add(new Case(HttpMethod.GET, "/api/v1/stats/daily-report.xlsx?zoneId=" + Demo.PARK, null, 403,
				"out_of_scope"));
		run(town, cases);

		// Its own lists leave the park's records out.
		assertThat(ids(town, "/api/v1/guide-assignments?size=100")).doesNotContain(assignment.toString());
		assertThat(ids(town, "/api/v1/guide-reports?size=100")).doesNotContain(report.toString());
		assertThat(ids(town, "/api/v1/problems?size=100")).doesNotContain(problem.toString());
		assertThat(enterprises(town, "/api/v1/guide-reports/missing?size=500")).doesNotContain(enterprise.toString());
		unchanged();
	}

	@Test
	void anotherEnterprisesGuideAndManagerFindNothing() {
		UUID other = OversightFixture.enterprise(web, tokens.official(), Demo.PARK);
		String guide = tokens.issue(UUID.randomUUID(), Audience.CONSOLE, new Grant(Role.GUIDE, other));
		String manager = tokens.managerOf(other);
		List<Case> common = List.of(
				Case.of(HttpMethod.POST, "/api/v1/problems",
						Map.of("enterpriseId", enterprise.toString(), "category", "OTHER", "description", "x"), 404),
				Case.of(HttpMethod.GET, "/api/v1/problems/" + problem, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/problems?enterpriseId=" + enterprise, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/problems", null, 404),
				// Officials' endpoints, whatever the ids.
				Case.of(HttpMethod.PATCH, "/api/v1/problems/" + problem, Map.of("status", "IN_PROGRESS"), 403),
				Case.of(HttpMethod.GET, "/api/v1/problems/overdue", null, 403),
				Case.of(HttpMethod.DELETE, "/api/v1/guide-assignments/" + assignment, null, 403),
				Case.of(HttpMethod.GET, "/api/v1/guide-assignments?enterpriseId=" + enterprise, null, 403),
				Case.of(HttpMethod.GET, "/api/v1/guide-reports/missing", null, 403),
				Case.of(HttpMethod.GET, "/api/v1/stats/resumption", null, 403));
		run(guide, common);
		run(manager, common);
		run(guide,
				List.of(Case.of(HttpMethod.POST, "/api/v1/guide-reports", GuideFixture.report(enterprise, 1, 0), 404),
						Case.of(HttpMethod.GET, "/api/v1/guide-reports/" + report, null, 404),
						Case.of(HttpMethod.GET, "/api/v1/guide-reports?enterpriseId=" + enterprise, null, 404),
						Case.of(HttpMethod.GET, "/api/v1/guide-reports/draft?enterpriseId=" + enterprise, null, 404)));
		// Managers neither file nor read guides' reports.
		run(manager,
				List.of(Case.of(HttpMethod.POST, "/api/v1/guide-reports", GuideFixture.report(enterprise, 1, 0), 403),
						Case.of(HttpMethod.GET, "/api/v1/guide-reports/" + report, null, 403)));
		run(tokens.managerOf(enterprise),
				List.of(Case.of(HttpMethod.GET, "/api/v1/guide-reports?enterpriseId=" + enterprise, null, 403)));

		assertThat(ids(guide, "/api/v1/guide-reports?size=100")).doesNotContain(report.toString());
		assertThat(ids(guide, "/api/v1/problems?size=100")).doesNotContain(problem.toString());
		assertThat(ids(manager, "/api/v1/problems?size=100")).doesNotContain(problem.toString());
		assertThat(web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Json.OBJECT)
			.returnResult()
			.getResponseBody()).extracting(item -> item.get("enterpriseId")).containsExactly(other.toString());
		unchanged();
	}

	private void run(String token, List<Case> cases) {
		for (Case one : cases) {
			var request = web.method(one.method()).uri(one.path()).headers(h -> h.setBearerAuth(token));
			var response = one.body() == null ? request.exchange() : request.bodyValue(one.body()).exchange();
			var body = response.expectStatus().isEqualTo(one.status()).expectBody();
			if (one.code() != null) {
				body.jsonPath("$.code").isEqualTo(one.code());
			}
		}
	}

	private void unchanged() {
		assertThat(database.sql("SELECT ended_at IS NULL FROM guide_assignment WHERE id = :id")
			.bind("id", assignment)
			.map(row -> row.get(0, Boolean.class))
			.one()
			.block()).isTrue();
		assertThat(database.sql("SELECT status FROM problem WHERE id = :id")
			.bind("id", problem)
			.map(row -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("OPEN");
		assertThat(database.sql("SELECT count(*) FROM problem WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
		assertThat(database.sql("SELECT count(*) FROM guide_report WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	private List<Object> ids(String token, String uri) {
		return GuideAssignmentIT.items(page(token, uri)).stream().map(item -> item.get("id")).toList();
	}

	private List<Object> enterprises(String token, String uri) {
		return GuideAssignmentIT.items(page(token, uri)).stream().map(item -> item.get("enterpriseId")).toList();
	}

	private Map<String, Object> page(String token, String uri) {
		return web.get()
			.uri(uri)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
