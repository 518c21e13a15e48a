package dev.fugong.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may grant which role where, and that a grant reaches the user's tokens at refresh.
 */
@IntegrationTest
class RoleGrantIT {

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
	void aManagerGrantsGateStaffInItsEnterpriseAndTheRoleArrivesAtRefresh() {
		Map<String, Object> signedIn = signIn("wx-" + UUID.randomUUID());
		String userId = (String) ((Map<?, ?>) signedIn.get("user")).get("id");

		Map<String, Object> grant = grant(tokens.manager(), userId, "GATE_STAFF", Demo.RUIRUN, null, 201);
		assertThat(grant).containsEntry("role", "GATE_STAFF").containsEntry("enterpriseId", Demo.RUIRUN.toString());
		assertThat(audits("ROLE_GRANTED", userId)).isEqualTo(1);
		grant(tokens.manager(), userId, "GATE_STAFF", Demo.RUIRUN, null, 409);

		Map<String, Object> refreshed = web.post()
			.uri("/api/v1/auth/token/refresh")
			.bodyValue(Map.of("refreshToken", signedIn.get("refreshToken")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(((Map<?, ?>) refreshed.get("user")).get("roles")).asString().contains("EMPLOYEE", "GATE_STAFF");

		web.delete()
			.uri("/api/v1/role-grants/{id}", grant.get("id"))
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(audits("ROLE_REVOKED", userId)).isEqualTo(1);
	}

	@Test
	void managersCannotGrantOutsideTheirEnterpriseOrAboveTheirRole() {
		String userId = userId();
		// Another enterprise is outside its scope: as if it did not exist.
		grant(tokens.manager(), userId, "GATE_STAFF", Demo.TIANYOU, null, 404);
		grant(tokens.manager(), userId, "GUIDE", Demo.RUIRUN, null, 403);
		grant(tokens.manager(), userId, "OFFICIAL", null, Demo.PARK, 403);
	}

	@Test
	void officialsGrantGuidesAndManagersOnlyInTheirZoneSubtree() {
		String userId = userId();
		grant(tokens.official(), userId, "GUIDE", Demo.RUIRUN, null, 201);
		grant(tokens.official(), userId, "ENTERPRISE_MANAGER", Demo.SUPERMARKET, null, 404);
		grant(tokens.official(), userId, "OFFICIAL", null, Demo.PARK, 403);
	}

	@Test
	void adminsGrantAnythingWithTheRightScope() {
		String userId = userId();
		grant(tokens.admin(), userId, "OFFICIAL", null, Demo.TOWN, 201);
		grant(tokens.admin(), userId, "GUIDE", null, null, 400);
		grant(tokens.admin(), userId, "OFFICIAL", Demo.RUIRUN, Demo.TOWN, 400);
		grant(tokens.admin(), UUID.randomUUID().toString(), "OFFICIAL", null, Demo.TOWN, 400);
		grant(tokens.admin(), userId, "ENTERPRISE_MANAGER", Demo.SUPERMARKET, null, 201);
	}

	private String userId() {
		return (String) ((Map<?, ?>) signIn("wx-" + UUID.randomUUID()).get("user")).get("id");
	}

	private Map<String, Object> grant(String token, String userId, String role, UUID enterpriseId, UUID zoneId,
			int status) {
		Map<String, Object> body = new HashMap<>(Map.of("userId", userId, "role", role));
		if (enterpriseId != null) {
			body.put("enterpriseId", enterpriseId.toString());
		}
		if (zoneId != null) {
			body.put("zoneId", zoneId.toString());
		}
		return web.post()
			.uri("/api/v1/role-grants")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> signIn(String openid) {
		return WeChatSignIn.signIn(web, openid);
	}

	private long audits(String type, String userId) {
		return database.sql("SELECT count(*) FROM audit_event WHERE type = :type AND subject_id = :id")
			.bind("type", type)
			.bind("id", userId)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
