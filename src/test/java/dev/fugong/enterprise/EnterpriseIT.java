package dev.fugong.enterprise;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enterprise registry through HTTP, as the console uses it, against real PostgreSQL.
 */
@IntegrationTest
class EnterpriseIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void officialRegistersAnEnterpriseAndReadsItBack() {
		Map<String, Object> body = Fixtures.enterprise(Demo.PARK_GRID);

		var created = web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists(HttpHeaders.LOCATION)
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"0\"")
			.expectBody(Json.OBJECT)
			.returnResult();
		Map<String, Object> enterprise = created.getResponseBody();
		assertThat(enterprise).containsEntry("uscc", body.get("uscc"))
			.containsEntry("name", body.get("name"))
			.containsEntry("industry", "MANUFACTURING")
			.containsEntry("batch", 3)
			.containsEntry("headcount", 120)
			.containsEntry("status", "PREPARING")
			.containsEntry("zoneId", Demo.PARK_GRID.toString());
		assertThat(created.getResponseHeaders().getLocation().getPath())
			.isEqualTo("/api/v1/enterprises/" + enterprise.get("id"));

		web.get()
			.uri(created.getResponseHeaders().getLocation().getPath())
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.uscc")
			.isEqualTo(body.get("uscc"))
			.jsonPath("$.address")
			.isEqualTo("测试路 1 号");

		assertThat(auditEvents("ENTERPRISE_CREATED", (String) enterprise.get("id"))).isEqualTo(1);
	}

	@Test
	void aBadUsccIsA400WithAFieldErrorAndStoresNothing() {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(Demo.PARK));
		String good = (String) body.get("uscc");
		String bad = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
		body.put("uscc", bad);
		long before = enterprises();

		web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("uscc")
			.jsonPath("$.errors.length()")
			.isEqualTo(1);

		assertThat(enterprises()).isEqualTo(before);
	}

	@Test
	void aLowerCaseUsccIsAcceptedAsItsUpperCaseForm() {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(Demo.PARK));
		String uscc = (String) body.get("uscc");
		body.put("uscc", " " + uscc.toLowerCase() + " ");

		web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.uscc")
			.isEqualTo(uscc);
	}

	@Test
	void aSecondEnterpriseWithTheSameUsccIsAConflict() {
		Map<String, Object> body = Fixtures.enterprise(Demo.PARK);
		create(tokens.official(), body);

		web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("uscc_taken");
	}

	@Test
	void theListPagesAndFilters() {
		String marker = "分页测试" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 5; i++) {
			Map<String, Object> body = new HashMap<>(Fixtures.enterprise(Demo.PARK_GRID));
			body.put("name", marker + " 第" + i + "家");
			body.put("industry", i < 3 ? "CONSTRUCTION" : "COMMERCE");
			body.put("batch", i < 3 ? 2 : 1);
			create(tokens.official(), body);
		}

		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("name", marker).queryParam("size", 2).build())
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(5)
			.jsonPath("$.page")
			.isEqualTo(0)
			.jsonPath("$.size")
			.isEqualTo(2)
			.jsonPath("$.items.length()")
			.isEqualTo(2)
			// newest first
			.jsonPath("$.items[0].name")
			.isEqualTo(marker + " 第4家");

		web.get()
			.uri(b -> b.path("/api/v1/enterprises")
				.queryParam("name", marker)
				.queryParam("size", 2)
				.queryParam("page", 2)
				.build())
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].name")
			.isEqualTo(marker + " 第0家");

		web.get()
			.uri(b -> b.path("/api/v1/enterprises")
				.queryParam("name", marker)
				.queryParam("industry", "CONSTRUCTION")
				.queryParam("batch", 2)
				.queryParam("zoneId", Demo.PARK)
				.build())
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(3);

		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("name", marker).queryParam("zoneId", Demo.TOWN).build())
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void theNameFilterTreatsWildcardsLiterally() {
		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("name", "%").build())
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void thePlateFilterFindsTheDemoEnterprisesByColour() {
		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("plate", "RED").build())
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].plate")
			.value(plates -> assertThat((List<Object>) plates).isNotEmpty().containsOnly("RED"));
	}

	@Test
	void aManagerSeesOnlyItsOwnEnterprise() {
		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].id")
			.isEqualTo(Demo.RUIRUN.toString());

		// Another enterprise, even in the same zone, does not exist for this manager.
		web.get()
			.uri("/api/v1/enterprises/{id}", Demo.TIANYOU)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found");

		web.get()
			.uri("/api/v1/enterprises/{id}/places", Demo.TIANYOU)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void anOfficialSeesItsZoneSubtreeAndNothingElse() {
		// The grid is inside the park: in scope.
		web.get()
			.uri("/api/v1/enterprises/{id}", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk();

		web.get()
			.uri("/api/v1/enterprises/{id}", Demo.SUPERMARKET)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isNotFound();

		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("zoneId", Demo.TOWN).build())
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");

		web.get()
			.uri(b -> b.path("/api/v1/enterprises").queryParam("size", 100).build())
			.headers(h -> h.setBearerAuth(tokens.townOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].zoneId")
			.value(zones -> assertThat((List<Object>) zones).containsOnly(Demo.TOWN.toString()));

		web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Fixtures.enterprise(Demo.TOWN))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
	}

	@Test
	void aManagerUpdatesItsContactFieldsButNotItsClassification() {
		String id = create(tokens.official(), Fixtures.enterprise(Demo.PARK));
		String manager = tokens.managerOf(UUID.fromString(id));

		web.patch()
			.uri("/api/v1/enterprises/{id}", id)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("headcount", 450, "address", "新地址 9 号"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"1\"")
			.expectBody()
			.jsonPath("$.headcount")
			.isEqualTo(450)
			.jsonPath("$.address")
			.isEqualTo("新地址 9 号")
			.jsonPath("$.industry")
			.isEqualTo("MANUFACTURING");

		web.patch()
			.uri("/api/v1/enterprises/{id}", id)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("batch", 1))
			.exchange()
			.expectStatus()
			.isForbidden();

		web.patch()
			.uri("/api/v1/enterprises/{id}", id)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.header(HttpHeaders.IF_MATCH, "\"0\"")
			.bodyValue(Map.of("batch", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(412);

		web.patch()
			.uri("/api/v1/enterprises/{id}", id)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.header(HttpHeaders.IF_MATCH, "\"1\"")
			.bodyValue(Map.of("batch", 1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.batch")
			.isEqualTo(1)
			.jsonPath("$.headcount")
			.isEqualTo(450);
	}

	@Test
	void aGuideReadsItsEnterpriseButCannotChangeIt() {
		web.get()
			.uri("/api/v1/enterprises/{id}", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.exchange()
			.expectStatus()
			.isOk();

		web.patch()
			.uri("/api/v1/enterprises/{id}", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.bodyValue(Map.of("headcount", 1))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aManagerCannotRegisterEnterprises() {
		web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.bodyValue(Fixtures.enterprise(Demo.PARK))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void placesAreCreatedAndListedForTheirEnterprise() {
		String id = create(tokens.official(), Fixtures.enterprise(Demo.PARK));
		String manager = tokens.managerOf(UUID.fromString(id));

		web.post()
			.uri("/api/v1/enterprises/{id}/places", id)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("name", "北门", "kind", "GATE"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.id")
			.isNotEmpty()
			.jsonPath("$.name")
			.isEqualTo("北门")
			.jsonPath("$.kind")
			.isEqualTo("GATE")
			.jsonPath("$.codeVersion")
			.isEqualTo(1);

		web.post()
			.uri("/api/v1/enterprises/{id}/places", id)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Map.of("name", "工地卡点", "kind", "CHECKPOINT"))
			.exchange()
			.expectStatus()
			.isCreated();

		web.get()
			.uri("/api/v1/enterprises/{id}/places", id)
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(2)
			.jsonPath("$.items[0].name")
			.isEqualTo("北门")
			.jsonPath("$.items[1].kind")
			.isEqualTo("CHECKPOINT");
	}

	@Test
	void miniProgramTokensAreNotValidOnTheConsoleRegistry() {
		web.get()
			.uri("/api/v1/enterprises/{id}", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.managerOnMiniProgram()))
			.exchange()
			.expectStatus()
			.isUnauthorized();

		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.employeeOnMiniProgram()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void employeesAreRefusedOnTheConsoleRegistry() {
		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.console(Demo.EMPLOYEE_USER, Role.EMPLOYEE, Demo.RUIRUN, null)))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private String create(String token, Map<String, Object> body) {
		Map<String, Object> created = web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return (String) created.get("id");
	}

	private long enterprises() {
		return database.sql("SELECT count(*) FROM enterprise").map(row -> row.get(0, Long.class)).one().block();
	}

	private long auditEvents(String type, String subjectId) {
		return database.sql("SELECT count(*) FROM audit_event WHERE type = :type AND subject_id = :id")
			.bind("type", type)
			.bind("id", subjectId)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
