package dev.fugong.trajectory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trajectory queries as officials, managers and the persons looked up meet them (issue
 * 12), against real PostgreSQL and Redis.
 */
@IntegrationTest
class TrajectoryIT {

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
	JsonMapper json;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	/** The "done when", for the query: scan, look up, see the lookup. */
	@Test
	void anOfficialSeesTheVisitMaskedAndThePersonSeesTheLookup() {
		UUID gate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "东门 " + suffix(), false);
		Employee first = employee();
		Employee second = employee();
		scan(first, gate);
		scan(second, gate);

		String official = parkOfficial();
		Map<String, Object> answer = query(official, first.phone(), 14, "CASE_INVESTIGATION", "病例 12 流调").expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		Map<String, Object> person = (Map<String, Object>) answer.get("person");
		assertThat(person.get("maskedPhone"))
			.isEqualTo(first.phone().substring(0, 3) + "****" + first.phone().substring(7));
		assertThat(person.get("status")).isEqualTo("NORMAL");
		List<Map<String, Object>> visits = (List<Map<String, Object>>) answer.get("visits");
		assertThat(visits).hasSize(1);
		assertThat(visits.get(0)).containsEntry("placeId", gate.toString())
			.containsEntry("enterpriseName", "瑞润电子有限公司")
			.containsEntry("zoneName", "产业园第一网格")
			.containsEntry("decision", "ADMIT");
		assertThat(answer.toString()).doesNotContain(first.phone());

		web.get()
			.uri("/api/v1/me/trajectory-lookups")
			.headers(h -> h.setBearerAuth(first.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].actorRole")
			.isEqualTo("OFFICIAL")
			.jsonPath("$.items[0].actorOrganisation")
			.isEqualTo("高新技术产业园")
			.jsonPath("$.items[0].purpose")
			.isEqualTo("CASE_INVESTIGATION: 病例 12 流调")
			.jsonPath("$.items[0].outcome")
			.isEqualTo("ANSWERED");
		// Contact screening lists the second employee, who scanned at the same gate
		// minutes
		// later.
		web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("phone", first.phone(), "days", 1, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.contacts[*].maskedPhone")
			.value(phones -> assertThat((List<String>) phones)
				.containsExactly(second.phone().substring(0, 3) + "****" + second.phone().substring(7)));
		web.get()
			.uri("/api/v1/me/trajectory-lookups")
			.headers(h -> h.setBearerAuth(first.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].kind")
			.value(kinds -> assertThat((List<String>) kinds).containsExactly("CONTACT_SCREENING", "TRAJECTORY_QUERY"));
		web.get()
			.uri("/api/v1/me/trajectory-lookups")
			.headers(h -> h.setBearerAuth(second.token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(0);
	}

	@Test
	void theScopeMatrixRefusesAndAuditsEveryoneElse() {
		UUID gate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "西门 " + suffix(), false);
		Employee employee = employee();
		employ(employee, Demo.RUIRUN);
		scan(employee, gate);

		// Officials of another zone: the visit is withheld, and the answer is that of a
		// phone
		// with nothing in the window (a 403 would tell that the person exists).
		UUID townOfficial = UUID.randomUUID();
		Map<String, Object> town = query(tokens.console(townOfficial, Role.OFFICIAL, null, Demo.TOWN), employee.phone(),
				14, "CONTACT_SCREENING", null)
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat((List<?>) town.get("visits")).isEmpty();
		assertThat((Map<String, Object>) town.get("person")).doesNotContainKeys("maskedName", "status");
		assertThat(lastAudit(townOfficial)).containsEntry("outcome", "OUT_OF_SCOPE").containsEntry("withheld", 1);

		UUID otherManager = UUID.randomUUID();
		query(tokens.console(otherManager, Role.ENTERPRISE_MANAGER, Demo.TIANYOU, null), employee.phone(), 14,
				"FEVER_FOLLOW_UP", null)
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
		assertThat(lastAudit(otherManager)).containsEntry("outcome", "REFUSED").containsEntry("reason", "OUT_OF_SCOPE");

		UUID guide = UUID.randomUUID();
		query(tokens.console(guide, Role.GUIDE, Demo.RUIRUN, null), employee.phone(), 14, "FEVER_FOLLOW_UP", null)
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("forbidden");
		assertThat(lastAudit(guide)).containsEntry("outcome", "REFUSED").containsEntry("reason", "ROLE");

		UUID colleague = UUID.randomUUID();
		query(tokens.console(colleague, Role.EMPLOYEE, Demo.RUIRUN, null), employee.phone(), 14, "FEVER_FOLLOW_UP",
				null)
			.expectStatus()
			.isForbidden();
		assertThat(lastAudit(colleague)).containsEntry("outcome", "REFUSED").containsEntry("reason", "ROLE");

		// The enterprise's own manager sees its employee's visit at its enterprise.
		UUID manager = UUID.randomUUID();
		query(tokens.console(manager, Role.ENTERPRISE_MANAGER, Demo.RUIRUN, null), employee.phone(), 14,
				"FEVER_FOLLOW_UP", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.visits.length()")
			.isEqualTo(1);
		assertThat(lastAudit(manager)).containsEntry("outcome", "ANSWERED")
			.containsEntry("actorRole", "ENTERPRISE_MANAGER")
			.containsEntry("actorOrganisation", "瑞润电子有限公司");
	}

	@Test
	void everyQueryIsOneAuditRowWithItsPurpose() {
		String official = UUID.randomUUID().toString();
		String token = tokens.console(UUID.fromString(official), Role.OFFICIAL, null, Demo.PARK);
		Employee employee = employee();
		for (int i = 0; i < 3; i++) {
			query(token, employee.phone(), 7, "OTHER", "核对第 " + i + " 次").expectStatus().isOk();
		}
		List<String> purposes = database
			.sql("SELECT purpose FROM audit_event WHERE actor_id = :actor AND type = 'TRAJECTORY_QUERIED' ORDER BY id")
			.bind("actor", UUID.fromString(official))
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(purposes).containsExactly("OTHER: 核对第 0 次", "OTHER: 核对第 1 次", "OTHER: 核对第 2 次");
	}

	@Test
	void theThirtyFirstQueryInAnHourIsRefused() {
		UUID official = UUID.randomUUID();
		String token = tokens.console(official, Role.OFFICIAL, null, Demo.PARK);
		String phone = Requests.phone("136");
		for (int i = 0; i < 30; i++) {
			query(token, phone, 1, "CASE_INVESTIGATION", null).expectStatus().isOk();
		}
		query(token, phone, 1, "CASE_INVESTIGATION", null).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 3600L))
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited");
		assertThat(lastAudit(official)).containsEntry("outcome", "REFUSED").containsEntry("reason", "RATE_LIMITED");
	}

	@Test
	void anUnknownPhoneAnswersExactlyLikeAKnownPhoneWithoutVisits() {
		String token = parkOfficial();
		Employee known = employee();
		String unknown = Requests.phone("137");
		Map<String, Object> knownAnswer = comparable(
				query(token, known.phone(), 14, "RETURNEE_CHECK", null).expectStatus()
					.isOk()
					.expectBody(Json.OBJECT)
					.returnResult()
					.getResponseBody());
		Map<String, Object> unknownAnswer = comparable(query(token, unknown, 14, "RETURNEE_CHECK", null).expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody());
		assertThat(unknownAnswer).isEqualTo(knownAnswer);
		assertThat(knownAnswer.keySet()).containsExactlyInAnyOrder("person", "days", "visits", "travel");
	}

	@Test
	void aQueryWhoseAuditRowCannotBeWrittenFails() {
		Employee employee = employee();
		scan(employee, Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "南门 " + suffix(), false));
		database.sql("""
				CREATE OR REPLACE FUNCTION fail_trajectory_audit() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'audit unavailable'; END $$;
				CREATE TRIGGER fail_trajectory_audit BEFORE INSERT ON audit_event FOR EACH ROW
				    WHEN (NEW.purpose LIKE '%audit-must-fail%') EXECUTE FUNCTION fail_trajectory_audit();
				""").then().block();
		try {
			var result = query(parkOfficial(), employee.phone(), 14, "OTHER", "audit-must-fail")
				.expectBody(String.class)
				.returnResult();
			assertThat(result.getStatus().is5xxServerError()).isTrue();
			assertThat(result.getResponseBody()).doesNotContain("visits", "placeName");
		}
		finally {
			database.sql("DROP TRIGGER fail_trajectory_audit ON audit_event").then().block();
		}
	}

	@Test
	void thePhoneIsValidatedAndThePurposeRequired() {
		String token = parkOfficial();
		web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", "12345", "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("phone");
		web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", Requests.phone("138"), "days", 15, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("days");
		web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", Requests.phone("138"), "purpose", "OTHER"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("note");
	}

	private Map<String, Object> comparable(Map<String, Object> answer) {
		Map<String, Object> copy = new java.util.HashMap<>(answer);
		copy.remove("from");
		copy.remove("to");
		Map<String, Object> person = new java.util.HashMap<>((Map<String, Object>) copy.get("person"));
		person.remove("maskedPhone");
		copy.put("person", person);
		return copy;
	}

	private Map<String, Object> lastAudit(UUID actor) {
		return database
			.sql("SELECT details::text FROM audit_event WHERE actor_id = :actor AND type = 'TRAJECTORY_QUERIED' "
					+ "ORDER BY id DESC LIMIT 1")
			.bind("actor", actor)
			.map(row -> (Map<String, Object>) json.readValue(row.get(0, String.class), Map.class))
			.one()
			.block();
	}

	private String parkOfficial() {
		return tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK);
	}

	private WebTestClient.ResponseSpec query(String token, String phone, int days, String purpose, String note) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("phone", phone, "days", days, "purpose", purpose));
		if (note != null) {
			body.put("note", note);
		}
		return web.post()
			.uri("/api/v1/trajectory-queries")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

	private void scan(Employee employee, UUID place) {
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee.token()))
			.bodyValue(Map.of("code", format.place(place, 1), "clientScanId", "t-" + UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private void employ(Employee employee, UUID enterprise) {
		database.sql("UPDATE person SET enterprise_id = :e WHERE id = :p")
			.bind("e", enterprise)
			.bind("p", employee.person())
			.then()
			.block();
	}

	private Employee employee() {
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("135");
		WeChatSignIn.bindPhone(web, token, phone);
		return new Employee(token, phone, persons.findByPhone(phone).block().id());
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 4);
	}

	record Employee(String token, String phone, UUID person) {
	}

}
