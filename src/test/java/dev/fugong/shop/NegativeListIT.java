package dev.fugong.shop;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The negative list over HTTP: who may change it, its history, a listed kind refused at
 * application and at filing (changing nothing) and allowed once its last day has passed,
 * listed shops already open on the officials' list, in their zones only. Each test lists
 * a shop kind of its own and puts the list back after, since every test shares the
 * database.
 */
@IntegrationTest
class NegativeListIT {

	static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	List<Map<String, Object>> before;

	String kind;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		before = items(current(tokens.admin()));
		kind = "测试火锅" + UUID.randomUUID().toString().substring(0, 6);
	}

	@AfterEach
	void restore() {
		put(tokens.admin(), before).expectStatus().isOk();
	}

	@Test
	void aListedKindIsRefusedAtApplicationWithTheReasonAndNothingIsWritten() {
		listed(TODAY.minusDays(3), TODAY.plusDays(10));
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-neg-" + UUID.randomUUID());
		Map<String, Object> body = application(kind);

		Map<String, Object> problem = web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(problem).containsEntry("code", "negative_listed");
		assertThat((String) problem.get("detail")).contains("人员密集，暂不复业").contains(kind);
		assertThat(database.sql("SELECT count(*) FROM enterprise_application WHERE uscc = :uscc")
			.bind("uscc", body.get("uscc"))
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isZero();
		// Another kind of the same industry applies as before.
		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(application("测试面馆"))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void aListedKindIsAllowedOnceItsLastDayHasPassed() {
		listed(TODAY.minusDays(10), TODAY.minusDays(1));
		String applicant = WeChatSignIn.miniProgramToken(web, "wx-neg-" + UUID.randomUUID());

		web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(applicant))
			.bodyValue(application(kind))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.shopKind")
			.isEqualTo(kind);
	}

	@Test
	void aListedKindIsRefusedAtFilingAndAnOpenOneIsOnTheOfficialsList() {
		UUID shop = shop(Demo.PARK, tokens.official());
		UUID openShop = shop(Demo.PARK, tokens.official());
		UUID townShop = shop(Demo.TOWN, tokens.townOfficial());
		database.sql("UPDATE enterprise SET status = 'OPERATING' WHERE id = ANY(:ids)")
			.bind("ids", new UUID[] { openShop, townShop })
			.then()
			.block();
		listed(TODAY, null);

		web.post()
			.uri("/api/v1/enterprises/{id}/filings", shop)
			.headers(h -> h.setBearerAuth(tokens.managerOf(shop)))
			.bodyValue(OversightFixture.filing())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("negative_listed");
		assertThat(database.sql("SELECT count(*) FROM filing WHERE enterprise_id = :id")
			.bind("id", shop)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isZero();

		assertThat(openIds(tokens.official())).contains(openShop.toString())
			.doesNotContain(shop.toString(), townShop.toString());
		assertThat(openIds(tokens.townOfficial())).contains(townShop.toString()).doesNotContain(openShop.toString());
		assertThat(openIds(tokens.admin())).contains(openShop.toString(), townShop.toString());
	}

	@Test
	void onlyTheAdminAndTheDistrictsOfficialsChangeTheListAndEveryVersionIsKept() {
		List<Map<String, Object>> items = List.of(item(kind, TODAY, null));
		put(tokens.official(), items).expectStatus().isForbidden();
		assertThat(current(tokens.official())).containsEntry("editable", false);
		String districtOfficial = tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.DISTRICT);
		assertThat(current(districtOfficial)).containsEntry("editable", true);

		put(districtOfficial, items).expectStatus().isOk();

		Map<String, Object> now = current(tokens.official());
		assertThat(items(now)).singleElement().satisfies(item -> assertThat(item).containsEntry("shopKind", kind));
		assertThat(now.get("changedAt")).isNotNull();
		List<Map<String, Object>> history = (List<Map<String, Object>>) web.get()
			.uri("/api/v1/negative-list/history")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("items");
		assertThat(history).hasSizeGreaterThanOrEqualTo(2);
		assertThat(history.get(0)).containsEntry("changedAt", now.get("changedAt"));
		// Managers and guides do not read it; a bad item is a 400 naming the field.
		web.get()
			.uri("/api/v1/negative-list")
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isForbidden();
		Map<String, Object> backwards = item(kind, TODAY, TODAY.minusDays(1));
		put(tokens.admin(), List.of(backwards)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].to");
		Map<String, Object> noReason = new HashMap<>(item(kind, TODAY, null));
		noReason.remove("reason");
		put(tokens.admin(), List.of(noReason)).expectStatus().isBadRequest();
		assertThat(items(current(tokens.admin()))).singleElement()
			.satisfies(item -> assertThat(item).containsEntry("shopKind", kind));
	}

	private void listed(LocalDate from, LocalDate to) {
		List<Map<String, Object>> items = new ArrayList<>(before);
		items.add(item(kind, from, to));
		put(tokens.admin(), items).expectStatus().isOk();
	}

	private static Map<String, Object> item(String kind, LocalDate from, LocalDate to) {
		Map<String, Object> item = new HashMap<>();
		item.put("industry", "HOSPITALITY");
		item.put("shopKind", kind);
		item.put("from", from.toString());
		item.put("to", to == null ? null : to.toString());
		item.put("reason", "人员密集，暂不复业");
		return item;
	}

	private Map<String, Object> application(String shopKind) {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(Demo.PARK));
		body.put("industry", "HOSPITALITY");
		body.put("shopKind", shopKind);
		return body;
	}

	private UUID shop(UUID zone, String official) {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(zone));
		body.put("industry", "HOSPITALITY");
		body.put("shopKind", kind);
		return UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	private List<String> openIds(String token) {
		List<Map<String, Object>> items = (List<Map<String, Object>>) web.get()
			.uri("/api/v1/negative-list/open-enterprises")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("items");
		return items.stream().map(item -> (String) item.get("enterpriseId")).toList();
	}

	private Map<String, Object> current(String token) {
		return web.get()
			.uri("/api/v1/negative-list")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> list) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, Object> item : (List<Map<String, Object>>) list.get("items")) {
			Map<String, Object> copy = new HashMap<>(item);
			copy.remove("industryLabel");
			items.add(copy);
		}
		return items;
	}

	private WebTestClient.ResponseSpec put(String token, List<Map<String, Object>> items) {
		return web.put()
			.uri("/api/v1/negative-list")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("items", items))
			.exchange();
	}

}
