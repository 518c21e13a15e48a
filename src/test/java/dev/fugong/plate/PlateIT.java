package dev.fugong.plate;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plates over HTTP: every change with reason, actor and history; a RED only with a second
 * official (never the proposer); YELLOW needs a date and a follow-up to turn BLUE; the
 * overdue list.
 */
@IntegrationTest
class PlateIT {

	static final UUID SECOND_OFFICIAL = UUID.fromString("00000000-0000-7000-8000-000000000303");

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	String official;

	String second;

	UUID enterprise;

	@BeforeEach
	void setUp() {
		// A first request right after the shared context starts, on a busy two-core box,
		// can take longer than WebTestClient's default 5 s.
		web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		official = tokens.official();
		second = tokens.console(SECOND_OFFICIAL, Role.OFFICIAL, null, Demo.PARK);
		enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
	}

	@Test
	void aRedWaitsForASecondOfficialAndTheProposerCannotConfirmIt() {
		OversightFixture.plate(web, official, enterprise, "BLUE", null).expectStatus().isCreated();
		Map<String, Object> red = created(OversightFixture.plate(web, official, enterprise, "RED", null));
		assertThat(red).containsEntry("state", "AWAITING_CONFIRMATION").containsEntry("fromColor", "BLUE");
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "BLUE")
			.containsEntry("status", "OPERATING");
		// A second RED while one waits: 409.
		OversightFixture.plate(web, second, enterprise, "RED", null)
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("change_pending");
		// The same official twice: refused, whatever its token.
		for (int i = 0; i < 2; i++) {
			confirm(official, red).expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("own_change");
		}
		// Listed for the other officials of the zone.
		assertThat(web.get()
			.uri("/api/v1/plate-changes")
			.headers(h -> h.setBearerAuth(second))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains((String) red.get("changeId"));
		confirm(second, red).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("EFFECTIVE");
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "RED")
			.containsEntry("status", "SUSPENDED");
		confirm(second, red).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("change_not_awaiting");
		// Lifting RED needs a passed follow-up, not an official's word.
		OversightFixture.plate(web, second, enterprise, "BLUE", null)
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("follow_up_required");
		OversightFixture.inspect(web, second, enterprise, "FOLLOW_UP", java.util.Set.of()).expectStatus().isCreated();
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "BLUE")
			.containsEntry("status", "OPERATING");

		Map<String, Object> plate = plateOf(official);
		assertThat((List<Map<String, Object>>) plate.get("history")).extracting(change -> change.get("color"))
			.containsExactly("BLUE", "RED", "BLUE");
		assertThat((List<Map<String, Object>>) plate.get("history"))
			.allSatisfy(change -> assertThat(change).containsKeys("reason", "proposedBy", "source"));
	}

	@Test
	void aRejectedRedNeverTakesEffect() {
		Map<String, Object> red = created(OversightFixture.plate(web, official, enterprise, "RED", null));
		web.post()
			.uri("/api/v1/plate-changes/{id}/reject", red.get("changeId"))
			.headers(h -> h.setBearerAuth(second))
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isBadRequest();
		web.post()
			.uri("/api/v1/plate-changes/{id}/reject", red.get("changeId"))
			.headers(h -> h.setBearerAuth(second))
			.bodyValue(Map.of("note", "证据不足"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("REJECTED");
		confirm(second, red).expectStatus().isEqualTo(409);
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).doesNotContainKey("plate")
			.containsEntry("status", "PREPARING");
	}

	@Test
	void aYellowNeedsADateAndTurnsBlueOnlyAfterAPassedFollowUp() {
		OversightFixture.plate(web, official, enterprise, "YELLOW", null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("rectifyBy");
		OversightFixture
			.plate(web, official, enterprise, "YELLOW", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString())
			.expectStatus()
			.isBadRequest();
		String date = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(5).toString();
		assertThat(created(OversightFixture.plate(web, official, enterprise, "YELLOW", date)))
			.containsEntry("state", "EFFECTIVE")
			.containsEntry("rectifyBy", date);
		OversightFixture.plate(web, official, enterprise, "YELLOW", date).expectStatus().isEqualTo(409);
		OversightFixture.plate(web, official, enterprise, "BLUE", null).expectStatus().isEqualTo(409);
		// A routine pass leaves it YELLOW; a follow-up pass gives BLUE.
		OversightFixture.inspect(web, official, enterprise, "ROUTINE", java.util.Set.of()).expectStatus().isCreated();
		assertThat(plateOf(official)).containsEntry("color", "YELLOW").containsEntry("rectifyBy", date);
		OversightFixture.inspect(web, official, enterprise, "FOLLOW_UP", java.util.Set.of()).expectStatus().isCreated();
		assertThat(plateOf(official)).containsEntry("color", "BLUE");
		// The reason is required.
		web.post()
			.uri("/api/v1/enterprises/{id}/plate", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("color", "RED"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reason");
	}

	@Test
	void aYellowPastItsDateIsListedForOfficials() {
		String date = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString();
		Map<String, Object> yellow = created(OversightFixture.plate(web, official, enterprise, "YELLOW", date));
		assertThat(overdue(official)).doesNotContain(enterprise.toString());
		// Four days on: its date has passed.
		database.sql("UPDATE plate_change SET rectify_by = rectify_by - 4 WHERE id = :id")
			.bind("id", UUID.fromString((String) yellow.get("changeId")))
			.then()
			.block();
		assertThat(overdue(official)).contains(enterprise.toString());
		assertThat(plateOf(official)).containsEntry("overdue", true);
		// Not for the town's officials; a zone filter outside their scope is refused.
		assertThat(overdue(tokens.townOfficial())).doesNotContain(enterprise.toString());
		web.get()
			.uri("/api/v1/plates/overdue?zoneId={z}", Demo.PARK)
			.headers(h -> h.setBearerAuth(tokens.townOfficial()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
		// A passed follow-up takes it off the list.
		OversightFixture.inspect(web, official, enterprise, "FOLLOW_UP", java.util.Set.of()).expectStatus().isCreated();
		assertThat(overdue(official)).doesNotContain(enterprise.toString());
	}

	@Test
	void managersReadTheirPlateButDoNotSetIt() {
		String manager = tokens.managerOf(enterprise);
		OversightFixture.plate(web, manager, enterprise, "BLUE", null).expectStatus().isForbidden();
		web.get()
			.uri("/api/v1/enterprises/{id}/plate", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk();
		web.get()
			.uri("/api/v1/plate-changes")
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private Map<String, Object> plateOf(String token) {
		return web.get()
			.uri("/api/v1/enterprises/{id}/plate", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private String overdue(String token) {
		return web.get()
			.uri("/api/v1/plates/overdue")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec confirm(String token, Map<String, Object> change) {
		return web.post()
			.uri("/api/v1/plate-changes/{id}/confirm", change.get("changeId"))
			.headers(h -> h.setBearerAuth(token))
			.exchange();
	}

	private static Map<String, Object> created(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isCreated().expectBody(Json.OBJECT).returnResult().getResponseBody();
	}

}
