package dev.fugong.oversight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every oversight endpoint tried with another zone's official and another enterprise's
 * manager on a park enterprise's records: records answer 404 (their existence does not
 * leak), filters outside the caller's scope 403 {@code out_of_scope}, and nothing is
 * changed.
 */
@IntegrationTest
class OversightScopeIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	UUID enterprise;

	String filing;

	String file;

	String inspection;

	String change;

	String complaint;

	String plan;

	String application;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		String official = tokens.official();
		enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
		String manager = tokens.managerOf(enterprise);
		filing = (String) OversightFixture.file(web, manager, enterprise).get("id");
		file = (String) OversightFixture
			.upload(web, manager, filing, "COMMITMENT_LETTER", "a.pdf", OversightFixture.PDF, MediaType.APPLICATION_PDF)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		inspection = (String) OversightFixture.inspect(web, official, enterprise, "ROUTINE", Set.of("PUBLICITY"))
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		photo(official, inspection).expectStatus().isCreated();
		change = (String) OversightFixture.plate(web, official, enterprise, "RED", null)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("changeId");
		web.post()
			.uri("/api/v1/complaints")
			.header("X-Forwarded-For", "10.99.0." + (1 + (int) (Math.random() * 250)))
			.bodyValue(Map.of("enterpriseId", enterprise.toString(), "category", "OTHER", "text", "举报内容"))
			.exchange()
			.expectStatus()
			.isCreated();
		complaint = database.sql("SELECT id::text FROM complaint WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(row -> row.get(0, String.class))
			.one()
			.block();
		plan = (String) web.post()
			.uri("/api/v1/inspection-plans")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("zoneId", Demo.PARK.toString(), "fraction", 0.5))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		String uscc = Fixtures.uscc();
		application = (String) web.post()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(WeChatSignIn.miniProgramToken(web, "wx-scope-" + UUID.randomUUID())))
			.bodyValue(Map.of("name", "园区申请 " + uscc, "uscc", uscc, "industry", "OTHER", "batch", 3, "zoneId",
					Demo.PARK.toString(), "address", "园区 1 号", "headcount", 5))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
	}

	/** One request and the status it must get. */
	record Case(HttpMethod method, String path, Object body, int status, String code) {

		static Case of(HttpMethod method, String path, Object body, int status) {
			return new Case(method, path, body, status, null);
		}

	}

	@Test
	void anotherZonesOfficialFindsNothingAndIsRefusedItsFilters() {
		String town = tokens.townOfficial();
		List<Case> cases = new ArrayList<>(List.of(
				Case.of(HttpMethod.GET, "/api/v1/enterprise-applications/" + application, null, 404),
				Case.of(HttpMethod.POST, "/api/v1/enterprise-applications/" + application + "/accept", Map.of(), 404),
				Case.of(HttpMethod.POST, "/api/v1/enterprise-applications/" + application + "/refuse",
						Map.of("reason", "x"), 404),
				Case.of(HttpMethod.POST, "/api/v1/enterprises/" + enterprise + "/filings", OversightFixture.filing(),
						404),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/filings", null, 404),
				Case.of(HttpMethod.GET, "/api/v1/filings/" + filing, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/filings/" + filing + "/files/" + file, null, 404),
				Case.of(HttpMethod.POST, "/api/v1/filings/" + filing + "/review", Map.of(), 404),
				Case.of(HttpMethod.POST, "/api/v1/filings/" + filing + "/return", Map.of("note", "x"), 404),
				Case.of(HttpMethod.POST, "/api/v1/enterprises/" + enterprise + "/plate",
						Map.of("color", "BLUE", "reason", "x"), 404),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/plate", null, 404),
				Case.of(HttpMethod.GET, "/api/v1/plate-changes/" + change, null, 404),
				Case.of(HttpMethod.POST, "/api/v1/plate-changes/" + change + "/confirm", Map.of(), 404),
				Case.of(HttpMethod.POST, "/api/v1/plate-changes/" + change + "/reject", Map.of("note", "x"), 404),
				new Case(HttpMethod.GET, "/api/v1/plates/overdue?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				Case.of(HttpMethod.POST, "/api/v1/inspections",
						Map.of("enterpriseId", enterprise.toString(), "kind", "ROUTINE", "items",
								OversightFixture.checklist(Set.of())),
						404),
				Case.of(HttpMethod.GET, "/api/v1/inspections/" + inspection, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/inspections?enterpriseId=" + enterprise, null, 404),
				new Case(HttpMethod.GET, "/api/v1/inspections?zoneId=" + Demo.PARK, null, 403, "out_of_scope"),
				Case.of(HttpMethod.GET, "/api/v1/inspections/" + inspection + "/items/PUBLICITY/photo", null, 404),
				new Case(HttpMethod.POST, "/api/v1/inspection-plans",
						Map.of("zoneId", Demo.PARK.toString(), "fraction", 0.5), 403, "out_of_scope"),
				Case.of(HttpMethod.GET, "/api/v1/inspection-plans/" + plan, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/complaints/" + complaint, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/complaint-contacts/" + complaint, null, 404),
				Case.of(HttpMethod.PATCH, "/api/v1/complaints/" + complaint, Map.of("status", "VERIFIED"), 404),
				Case.of(HttpMethod.GET, "/api/v1/complaints?enterpriseId=" + enterprise, null, 404),
				new Case(HttpMethod.GET, "/api/v1/complaints?zoneId=" + Demo.PARK, null, 403, "out_of_scope")));
		check(town, cases);
		photo(town, inspection).expectStatus().isNotFound();
		// Its lists hold none of the park's records.
		for (String list : List.of("/api/v1/filings?size=100", "/api/v1/inspections?size=100",
				"/api/v1/complaints?size=100", "/api/v1/plate-changes", "/api/v1/enterprise-applications?size=100",
				"/api/v1/plates/overdue")) {
			assertThat(body(town, list)).as(list)
				.doesNotContain(filing, inspection, complaint, change, application, enterprise.toString());
		}
		unchanged();
	}

	@Test
	void anotherEnterprisesManagerFindsNothingOfThisOne() {
		String other = tokens.managerOf(Demo.TIANYOU);
		check(other, List.of(
				Case.of(HttpMethod.POST, "/api/v1/enterprises/" + enterprise + "/filings", OversightFixture.filing(),
						404),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/filings", null, 404),
				Case.of(HttpMethod.GET, "/api/v1/filings/" + filing, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/filings/" + filing + "/files/" + file, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/enterprises/" + enterprise + "/plate", null, 404),
				Case.of(HttpMethod.GET, "/api/v1/inspections/" + inspection, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/inspections?enterpriseId=" + enterprise, null, 404),
				Case.of(HttpMethod.GET, "/api/v1/inspections/" + inspection + "/items/PUBLICITY/photo", null, 404),
				Case.of(HttpMethod.GET, "/api/v1/enterprise-applications/" + application, null, 404),
				// Officials' endpoints: the role is refused before any record is looked
				// at.
				Case.of(HttpMethod.POST, "/api/v1/filings/" + filing + "/approve", Map.of(), 403),
				Case.of(HttpMethod.POST, "/api/v1/plate-changes/" + change + "/confirm", Map.of(), 403),
				Case.of(HttpMethod.GET, "/api/v1/complaints/" + complaint, null, 403),
				Case.of(HttpMethod.GET, "/api/v1/inspection-plans/" + plan, null, 403),
				Case.of(HttpMethod.POST, "/api/v1/enterprise-applications/" + application + "/accept", Map.of(), 403)));
		assertThat(body(other, "/api/v1/filings?size=100")).doesNotContain(filing);
		assertThat(body(other, "/api/v1/inspections?size=100")).doesNotContain(inspection);
		unchanged();
	}

	@Test
	void consoleEndpointsRefuseMiniProgramTokens() {
		String mini = tokens.managerOnMiniProgram();
		web.get()
			.uri("/api/v1/filings/{id}", filing)
			.headers(h -> h.setBearerAuth(mini))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		web.get()
			.uri("/api/v1/plates/overdue")
			.headers(h -> h.setBearerAuth(mini))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		// Applications and complaints take either client.
		web.get()
			.uri("/api/v1/enterprise-applications")
			.headers(h -> h.setBearerAuth(mini))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private void check(String token, List<Case> cases) {
		for (Case c : cases) {
			var request = web.method(c.method()).uri(c.path()).headers(h -> h.setBearerAuth(token));
			var response = (c.body() == null ? request.exchange() : request.bodyValue(c.body()).exchange());
			var body = response.expectStatus()
				.value(status -> assertThat(status).as(c.method() + " " + c.path()).isEqualTo(c.status()))
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			if (c.code() != null) {
				assertThat(body).as(c.method() + " " + c.path()).containsEntry("code", c.code());
			}
		}
	}

	/** The park's records are as the setup left them. */
	private void unchanged() {
		String official = tokens.official();
		assertThat(body(official, "/api/v1/filings/" + filing)).contains("\"state\":\"SUBMITTED\"");
		assertThat(body(official, "/api/v1/plate-changes/" + change)).contains("AWAITING_CONFIRMATION");
		assertThat(body(official, "/api/v1/enterprise-applications/" + application)).contains("SUBMITTED");
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "YELLOW");
	}

	private String body(String token, String path) {
		return web.get()
			.uri(path)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec photo(String token, String inspectionId) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(OversightFixture.PNG) {
			@Override
			public String getFilename() {
				return "p.png";
			}
		}).contentType(MediaType.IMAGE_PNG);
		return web.post()
			.uri("/api/v1/inspections/{id}/items/PUBLICITY/photo", inspectionId)
			.headers(h -> h.setBearerAuth(token))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

}
