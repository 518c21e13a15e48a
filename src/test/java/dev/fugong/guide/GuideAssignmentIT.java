package dev.fugong.guide;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.GuideFixture.SignedIn;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stationing guides (派驻复工指导员) over HTTP: a team of two from different departments, a
 * third refused; the GUIDE role given with the assignment (at the next refresh) and
 * withdrawn when it ends (at once); a guide of one enterprise finds nothing of another,
 * also after its assignment there ended.
 */
@IntegrationTest
class GuideAssignmentIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	String official;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		official = tokens.official();
	}

	@Test
	void aTeamIsTwoGuidesOfDifferentDepartmentsAndAThirdIsRefused() {
		UUID enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID first = GuideFixture.newUser(web).userId();
		UUID second = GuideFixture.newUser(web).userId();
		UUID third = GuideFixture.newUser(web).userId();

		web.post()
			.uri("/api/v1/guide-assignments")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("guideUserId", first.toString(), "enterpriseId", enterprise.toString(), "department",
					"PARK"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("Location")
			.expectBody()
			.jsonPath("$.department")
			.isEqualTo("PARK")
			.jsonPath("$.departmentLabel")
			.isEqualTo("园区")
			.jsonPath("$.active")
			.isEqualTo(true)
			.jsonPath("$.grantId")
			.isNotEmpty();
		// The same department twice is refused; the same guide twice too.
		expectConflict(GuideFixture.assign(web, official, second, enterprise, "PARK"), "department_taken");
		expectConflict(GuideFixture.assign(web, official, first, enterprise, "HEALTH"), "already_assigned");
		GuideFixture.assign(web, official, second, enterprise, "HEALTH").expectStatus().isCreated();
		// A third guide, whatever its department.
		expectConflict(GuideFixture.assign(web, official, third, enterprise, "INDUSTRY"), "team_full");
		expectConflict(GuideFixture.assign(web, tokens.admin(), third, enterprise, "TOWN"), "team_full");

		Map<String, Object> team = web.get()
			.uri("/api/v1/guide-assignments?enterpriseId={e}&active=true", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(team).containsEntry("total", 2);
		assertThat(items(team)).extracting(item -> item.get("guideUserId"))
			.containsExactlyInAnyOrder(first.toString(), second.toString());
		// Each holds the GUIDE role for the enterprise, as the identity feature records
		// it.
		for (UUID guide : List.of(first, second)) {
			assertThat(guideGrants(guide)).containsExactly(enterprise);
		}
		assertThat(guideGrants(third)).isEmpty();
		// Nothing was left half done by the refusals.
		assertThat(database.sql("SELECT count(*) FROM guide_assignment WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(2);
	}

	@Test
	void aGuideMayServeSeveralEnterprisesEachWithItsOwnTeam() {
		UUID a = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID b = OversightFixture.enterprise(web, official, Demo.PARK);
		SignedIn guide = GuideFixture.newUser(web);

		GuideFixture.assigned(web, official, guide.userId(), a, "TOWN");
		GuideFixture.assigned(web, official, guide.userId(), b, "TOWN");

		SignedIn refreshed = GuideFixture.refresh(web, guide);
		List<Map<String, Object>> mine = myEnterprises(refreshed.accessToken());
		assertThat(mine).extracting(item -> item.get("enterpriseId"))
			.containsExactlyInAnyOrder(a.toString(), b.toString());
		assertThat(mine).allSatisfy(item -> assertThat(item).containsEntry("department", "TOWN"));
	}

	@Test
	void theRoleComesAtTheNextRefreshAndGoesAtOnceWhenTheAssignmentEnds() {
		UUID a = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID b = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		SignedIn guide = GuideFixture.newUser(web);
		// Signed in before: an employee with no guide's role.
		web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(guide.accessToken()))
			.exchange()
			.expectStatus()
			.isForbidden();

		UUID atA = GuideFixture.assigned(web, official, guide.userId(), a, "HEALTH");
		GuideFixture.assigned(web, official, guide.userId(), b, "HEALTH");
		SignedIn stationed = GuideFixture.refresh(web, guide);
		assertThat(myEnterprises(stationed.accessToken())).extracting(item -> item.get("enterpriseId"))
			.containsExactlyInAnyOrder(a.toString(), b.toString());
		GuideFixture.file(web, stationed.accessToken(), GuideFixture.report(a, 5, 1)).expectStatus().isCreated();

		web.delete()
			.uri("/api/v1/guide-assignments/{id}", atA)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active")
			.isEqualTo(false)
			.jsonPath("$.endedAt")
			.isNotEmpty();

		// At once, not at the next refresh: the token that held the role is refused.
		web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(stationed.accessToken()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		// Refreshed, the guide holds B only: A is as if it did not exist.
		SignedIn after = GuideFixture.refresh(web, stationed);
		assertThat(myEnterprises(after.accessToken())).extracting(item -> item.get("enterpriseId"))
			.containsExactly(b.toString());
		cannotReach(after.accessToken(), a);
		cannotReach(GuideFixture.console(web, after).accessToken(), a);
		assertThat(guideGrants(guide.userId())).containsExactly(b);
		// Ending it twice is a conflict; the history keeps it.
		web.delete()
			.uri("/api/v1/guide-assignments/{id}", atA)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("assignment_ended");
		Map<String, Object> history = web.get()
			.uri("/api/v1/guide-assignments?guideUserId={g}&active=false", guide.userId())
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(history)).extracting(item -> item.get("id")).containsExactly(atA.toString());
		// A new assignment gives the role back, with a grant of its own.
		GuideFixture.assigned(web, official, guide.userId(), a, "HEALTH");
		assertThat(guideGrants(guide.userId())).containsExactlyInAnyOrder(a, b);
	}

	@Test
	void aGuideOfOneEnterpriseCannotSeeOrReportForAnother() {
		UUID a = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID b = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		SignedIn guide = GuideFixture.newUser(web);
		GuideFixture.assigned(web, official, guide.userId(), a, "PARK");
		guide = GuideFixture.refresh(web, guide);
		String token = guide.accessToken();

		GuideFixture.file(web, token, GuideFixture.report(a, 3, 1)).expectStatus().isCreated();
		cannotReach(token, b);
		cannotReach(GuideFixture.console(web, GuideFixture.refresh(web, guide)).accessToken(), b);
		// Another enterprise's report, by id.
		SignedIn other = GuideFixture.newUser(web);
		GuideFixture.assigned(web, official, other.userId(), b, "PARK");
		String othersToken = GuideFixture.refresh(web, other).accessToken();
		String report = (String) GuideFixture.file(web, othersToken, GuideFixture.report(b, 2, 2))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		web.get()
			.uri("/api/v1/guide-reports/{id}", report)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNotFound();
		// Its own list holds only its enterprise's reports.
		Map<String, Object> own = web.get()
			.uri("/api/v1/guide-reports")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(items(own)).extracting(item -> item.get("enterpriseId")).containsOnly(a.toString());
	}

	@Test
	void anOfficialStationsOnlyInItsZonesAndOnlyExistingUsers() {
		UUID town = OversightFixture.enterprise(web, tokens.admin(), Demo.TOWN);
		UUID guide = GuideFixture.newUser(web).userId();
		GuideFixture.assign(web, official, guide, town, "TOWN").expectStatus().isNotFound();
		GuideFixture.assign(web, official, guide, Demo.SUPERMARKET, "TOWN").expectStatus().isNotFound();
		UUID park = OversightFixture.enterprise(web, official, Demo.PARK);
		GuideFixture.assign(web, official, UUID.randomUUID(), park, "PARK")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("guideUserId");
		// The manager of the enterprise may not station guides; nor may a guide.
		GuideFixture.assign(web, tokens.managerOf(park), guide, park, "PARK").expectStatus().isForbidden();
		GuideFixture.assign(web, tokens.guide(), guide, park, "PARK").expectStatus().isForbidden();
		// The town's official stations in the town.
		GuideFixture.assign(web, GuideFixture.newOfficial(web, tokens, Demo.TOWN), guide, town, "TOWN")
			.expectStatus()
			.isCreated();
	}

	/**
	 * What a guide of another enterprise gets: as if it did not exist. On the console,
	 * its pages too; on the mini-program those are not served (401).
	 */
	private void cannotReach(String guideToken, UUID enterprise) {
		boolean console = tokenService.verify(guideToken).audience() == dev.fugong.shared.security.Audience.CONSOLE;
		web.get()
			.uri("/api/v1/enterprises/{id}", enterprise)
			.headers(h -> h.setBearerAuth(guideToken))
			.exchange()
			.expectStatus()
			.isEqualTo(console ? 404 : 401);
		GuideFixture.file(web, guideToken, GuideFixture.report(enterprise, 1, 1)).expectStatus().isNotFound();
		web.get()
			.uri("/api/v1/guide-reports/draft?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(guideToken))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.get()
			.uri("/api/v1/guide-reports?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(guideToken))
			.exchange()
			.expectStatus()
			.isNotFound();
		GuideFixture.problem(web, guideToken, enterprise, "SUPPLIES", "口罩不足").expectStatus().isNotFound();
		web.get()
			.uri("/api/v1/problems?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(guideToken))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.get()
			.uri("/api/v1/enterprises/{e}/problems", enterprise)
			.headers(h -> h.setBearerAuth(guideToken))
			.exchange()
			.expectStatus()
			.isEqualTo(console ? 404 : 401);
	}

	private List<Map<String, Object>> myEnterprises(String token) {
		return web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private List<UUID> guideGrants(UUID user) {
		return database
			.sql("SELECT enterprise_id FROM role_grant WHERE user_id = :u AND role = 'GUIDE' "
					+ "AND revoked_at IS NULL ORDER BY granted_at")
			.bind("u", user)
			.map(row -> row.get(0, UUID.class))
			.all()
			.collectList()
			.block();
	}

	private static void expectConflict(WebTestClient.ResponseSpec response, String code) {
		response.expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo(code);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

}
