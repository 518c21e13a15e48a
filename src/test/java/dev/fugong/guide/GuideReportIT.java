package dev.fugong.guide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.guide.domain.GuideReminders;
import dev.fugong.guide.domain.GuideReportService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.GuideFixture.SignedIn;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 指导员日报 over HTTP: amended the same day with the earlier version kept, prefilled with the
 * people admitted today, missing reports for officials, and the guides reminded by WeChat
 * subscribe message.
 */
@IntegrationTest
class GuideReportIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat codes;

	@Autowired
	GuideReminders reminders;

	@Autowired
	GuideReportService reports;

	TestTokens tokens;

	String official;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		official = tokens.official();
	}

	@Test
	void aSecondFilingTheSameDayAmendsTheReportAndKeepsTheFirstVersion() {
		UUID enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		SignedIn first = stationed(enterprise, "PARK");
		SignedIn second = stationed(enterprise, "HEALTH");

		Map<String, Object> v1 = GuideFixture.file(web, first.accessToken(), GuideFixture.report(enterprise, 30, 10))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(v1).containsEntry("version", 1)
			.containsEntry("current", true)
			.containsEntry("returned", 40)
			.containsEntry("date", reports.today().toString())
			.doesNotContainKey("amends");
		// The other guide of the team corrects it the same day.
		Map<String, Object> amended = GuideFixture.report(enterprise, 32, 10);
		amended.put("notes", "更正：本地返岗 32 人");
		Map<String, Object> v2 = GuideFixture.file(web, second.accessToken(), amended)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(v2).containsEntry("version", 2)
			.containsEntry("amends", v1.get("id"))
			.containsEntry("returned", 42)
			.containsEntry("filedBy", second.userId().toString());

		// The list shows the version in force; the report read by id shows both.
		Map<String, Object> list = web.get()
			.uri("/api/v1/guide-reports?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(GuideAssignmentIT.items(list)).singleElement()
			.satisfies(item -> assertThat(item).containsEntry("id", v2.get("id")).containsEntry("local", 32));
		for (Object id : List.of(v1.get("id"), v2.get("id"))) {
			Map<String, Object> read = web.get()
				.uri("/api/v1/guide-reports/{id}", id)
				.headers(h -> h.setBearerAuth(first.accessToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> versions = (List<Map<String, Object>>) read.get("versions");
			assertThat(versions).extracting(version -> version.get("version")).containsExactly(1, 2);
			assertThat(versions.get(0)).containsEntry("current", false)
				.containsEntry("local", 30)
				.containsEntry("notes", "返岗有序");
			assertThat(versions.get(0).get("supersededAt")).isNotNull();
			assertThat(versions.get(1)).containsEntry("current", true).containsEntry("notes", "更正：本地返岗 32 人");
		}
	}

	@Test
	void aReportIsForTodayWithItsReturnedTheLocalAndOutOfTownOnes() {
		UUID enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		SignedIn guide = stationed(enterprise, "PARK");
		Map<String, Object> yesterday = GuideFixture.report(enterprise, 3, 1);
		yesterday.put("date", reports.today().minusDays(1).toString());
		expectField(GuideFixture.file(web, guide.accessToken(), yesterday), "date");
		Map<String, Object> wrongSum = GuideFixture.report(enterprise, 3, 1);
		wrongSum.put("returned", 5);
		expectField(GuideFixture.file(web, guide.accessToken(), wrongSum), "returned");
		Map<String, Object> negative = GuideFixture.report(enterprise, 3, 1);
		negative.put("planned", -1);
		expectField(GuideFixture.file(web, guide.accessToken(), negative), "planned");
		// Only its guides file: the official and the manager over it are refused.
		GuideFixture.file(web, official, GuideFixture.report(enterprise, 3, 1)).expectStatus().isForbidden();
		GuideFixture.file(web, tokens.managerOf(enterprise), GuideFixture.report(enterprise, 3, 1))
			.expectStatus()
			.isForbidden();
		Map<String, Object> today = GuideFixture.report(enterprise, 3, 1);
		today.put("date", reports.today().toString());
		GuideFixture.file(web, guide.accessToken(), today).expectStatus().isCreated();
	}

	@Test
	void theFormIsPrefilledWithThePeopleAdmittedTodayTheReturneesInObservationAndTheLatestPlannedFigure() {
		UUID enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		String manager = tokens.managerOf(enterprise);
		UUID east = Requests.createPlace(web, manager, enterprise, "东门", false);
		UUID canteen = Requests.createPlace(web, manager, enterprise, "食堂", false);
		SignedIn guide = stationed(enterprise, "INDUSTRY");

		Map<String, Object> empty = draft(guide.accessToken(), enterprise);
		assertThat(empty).containsEntry("returned", 0)
			.containsEntry("inObservation", 0)
			.containsEntry("reported", false)
			.containsEntry("sources", Map.of("returned", "SCANS", "inObservation", "RETURNEES"))
			.doesNotContainKeys("planned", "local", "outOfTown", "current");

		// Two returnees in observation, one whose 14 days are over, one arriving
		// tomorrow.
		Instant now = Instant.now();
		Duration day = Duration.ofDays(1);
		returnee(manager, enterprise, now.minus(day.multipliedBy(4)), now.minus(day.multipliedBy(3)), null);
		returnee(manager, enterprise, now.minus(day.multipliedBy(2)), now.minus(day), null);
		returnee(manager, enterprise, now.minus(day.multipliedBy(30)), now.minus(day.multipliedBy(20)), null);
		returnee(manager, enterprise, now.minus(day), null, now.plus(day));

		// Two people admitted, one of them at two places; one turned away with a fever.
		String one = WeChatSignIn.employee(web, "139");
		String two = WeChatSignIn.employee(web, "139");
		String feverish = WeChatSignIn.employee(web, "139");
		scan(one, east, null).expectStatus().isCreated();
		scan(one, canteen, null).expectStatus().isCreated();
		scan(two, east, null).expectStatus().isCreated();
		scan(feverish, east, "37.9").expectStatus().isCreated().expectBody().jsonPath("$.decision").isEqualTo("DENY");

		assertThat(draft(guide.accessToken(), enterprise)).containsEntry("returned", 2)
			.containsEntry("inObservation", 2);
		assertThat(myEnterprise(guide.accessToken(), enterprise)).extractingByKey("today")
			.satisfies(today -> assertThat(map(today)).containsEntry("returned", 2));

		// Filed today: the form is today's report, to amend.
		GuideFixture.file(web, guide.accessToken(), GuideFixture.report(enterprise, 2, 0)).expectStatus().isCreated();
		Map<String, Object> filed = draft(guide.accessToken(), enterprise);
		assertThat(filed).containsEntry("reported", true)
			.containsEntry("planned", 12)
			.containsEntry("local", 2)
			.containsEntry("inObservation", 2);
		assertThat(map(filed.get("sources"))).containsEntry("planned", "TODAY_REPORT");
		assertThat(map(filed.get("current"))).containsEntry("version", 1);
	}

	@Test
	void officialsSeeWhoHasNotFiledAndTheGuidesAreRemindedOnceByWeChat() {
		UUID owing = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID filed = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		UUID unguided = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		String openidA = "wx-guide-" + UUID.randomUUID();
		String openidB = "wx-guide-" + UUID.randomUUID();
		String openidC = "wx-guide-" + UUID.randomUUID();
		SignedIn a = stationed(GuideFixture.signIn(web, openidA), owing, "PARK");
		SignedIn b = stationed(GuideFixture.signIn(web, openidB), owing, "HEALTH");
		SignedIn c = stationed(GuideFixture.signIn(web, openidC), filed, "PARK");
		GuideFixture.file(web, c.accessToken(), GuideFixture.report(filed, 5, 0)).expectStatus().isCreated();

		Map<String, Object> missing = missing(official, "zoneId=" + Demo.PARK_GRID);
		List<Map<String, Object>> items = GuideAssignmentIT.items(missing);
		assertThat(missing).containsEntry("date", reports.today().toString());
		assertThat(items).extracting(item -> item.get("enterpriseId"))
			.contains(owing.toString())
			.doesNotContain(filed.toString(), unguided.toString());
		Map<String, Object> item = items.stream()
			.filter(one -> one.get("enterpriseId").equals(owing.toString()))
			.findFirst()
			.orElseThrow();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> guides = (List<Map<String, Object>>) item.get("guides");
		assertThat(guides).extracting(guide -> guide.get("guideUserId"))
			.containsExactlyInAnyOrder(a.userId().toString(), b.userId().toString());
		// Yesterday, these guides were not stationed yet; tomorrow cannot be asked.
		assertThat(GuideAssignmentIT.items(missing(official, "date=" + reports.today().minusDays(1))))
			.extracting(one -> one.get("enterpriseId"))
			.doesNotContain(owing.toString());
		web.get()
			.uri("/api/v1/guide-reports/missing?date={d}", reports.today().plusDays(1))
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isBadRequest();
		// The town's official does not see the park's; a guide may not ask.
		assertThat(GuideAssignmentIT.items(missing(tokens.townOfficial(), "")))
			.extracting(one -> one.get("enterpriseId"))
			.doesNotContain(owing.toString());
		web.get()
			.uri("/api/v1/guide-reports/missing")
			.headers(h -> h.setBearerAuth(a.accessToken()))
			.exchange()
			.expectStatus()
			.isForbidden();

		// The guides of the enterprise owing it are reminded, the others not; once.
		for (String openid : List.of(openidA, openidB, openidC)) {
			subscribe(openid);
		}
		reminders.remind(reports.today()).block(Duration.ofSeconds(30));
		reminders.remind(reports.today()).block(Duration.ofSeconds(30));
		for (String openid : List.of(openidA, openidB)) {
			List<Map<String, Object>> messages = messages(openid);
			assertThat(messages).hasSize(1);
			@SuppressWarnings("unchecked")
			Map<String, Map<String, String>> data = (Map<String, Map<String, String>>) messages.get(0).get("data");
			assertThat(data.get("thing1").get("value")).startsWith("测试企业");
			assertThat(data.get("date2").get("value")).isEqualTo(reports.today().toString());
			assertThat(messages.get(0)).containsEntry("template_id", "local-guide-reminder");
		}
		assertThat(messages(openidC)).isEmpty();

		// Filed now: off the list.
		GuideFixture.file(web, a.accessToken(), GuideFixture.report(owing, 1, 1)).expectStatus().isCreated();
		assertThat(GuideAssignmentIT.items(missing(official, "zoneId=" + Demo.PARK_GRID)))
			.extracting(one -> one.get("enterpriseId"))
			.doesNotContain(owing.toString());
	}

	private SignedIn stationed(UUID enterprise, String department) {
		return stationed(GuideFixture.newUser(web), enterprise, department);
	}

	/** The user stationed in the enterprise, signed in again on the console. */
	private SignedIn stationed(SignedIn user, UUID enterprise, String department) {
		GuideFixture.assigned(web, official, user.userId(), enterprise, department);
		return GuideFixture.console(web, GuideFixture.refresh(web, user));
	}

	private void returnee(String manager, UUID enterprise, Instant departed, Instant arrived, Instant expected) {
		ReturneeFixture.registered(web, manager,
				ReturneeFixture.body(enterprise, Requests.phone("137"), "420102", departed, arrived, expected));
	}

	private Map<String, Object> draft(String token, UUID enterprise) {
		return web.get()
			.uri("/api/v1/guide-reports/draft?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> myEnterprise(String token, UUID enterprise) {
		return web.get()
			.uri("/api/v1/me/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.stream()
			.filter(item -> item.get("enterpriseId").equals(enterprise.toString()))
			.findFirst()
			.orElseThrow();
	}

	private Map<String, Object> missing(String token, String query) {
		return web.get()
			.uri("/api/v1/guide-reports/missing?" + query)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec scan(String employee, UUID place, String temperature) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("code", codes.place(place, 1), "clientScanId", "g-" + UUID.randomUUID()));
		if (temperature != null) {
			body.put("temperature", new java.math.BigDecimal(temperature));
		}
		return web.post().uri("/api/v1/scans").headers(h -> h.setBearerAuth(employee)).bodyValue(body).exchange();
	}

	private void subscribe(String openid) {
		web.post()
			.uri("/__fake/wechat/subscriptions")
			.bodyValue(Map.of("openid", openid, "templateId", "local-guide-reminder", "count", 5))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private List<Map<String, Object>> messages(String openid) {
		return web.get()
			.uri("/__fake/wechat/messages?openid={o}", openid)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static void expectField(WebTestClient.ResponseSpec response, String field) {
		response.expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
	}

}
