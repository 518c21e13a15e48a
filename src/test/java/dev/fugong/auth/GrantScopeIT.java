package dev.fugong.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each grant holds for its own enterprise or zone (ADR 0006). Users are given their
 * grants through the API, as an admin would, and then sign in: what their tokens carry is
 * what the directory holds, nothing a test wrote by hand.
 */
@IntegrationTest
class GrantScopeIT {

	/** 天友乳业's gate, which wants the gate screen's code from phones; pass codes work. */
	static final UUID TIANYOU_GATE = UUID.fromString("00000000-0000-7000-8000-000000000204");

	/** 瑞润电子's east gate. */
	static final UUID RUIRUN_GATE = UUID.fromString("00000000-0000-7000-8000-000000000201");

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		tokens = new TestTokens(tokenService);
	}

	/**
	 * The reproduction of the issue: a manager of 瑞润电子 given gate rights at 天友乳业 stays
	 * the manager of 瑞润电子 only, and keeps the gate of 天友乳业 only.
	 */
	@Test
	void aGateGrantAtASecondEnterpriseLeavesTheManagerOfTheFirstOnly() {
		String openid = "wx-" + UUID.randomUUID();
		String userId = userId(openid);
		grant(tokens.admin(), userId, "ENTERPRISE_MANAGER", Demo.RUIRUN, null, 201);
		grant(tokens.admin(), userId, "GATE_STAFF", Demo.TIANYOU, null, 201);
		String console = consoleToken(openid);

		Map<String, Object> me = get(console, "/api/v1/me", 200);
		assertThat((List<?>) me.get("roles")).asList()
			.containsExactlyInAnyOrder("EMPLOYEE", "GATE_STAFF", "ENTERPRISE_MANAGER");
		assertThat((List<?>) me.get("grants")).asList()
			.contains(Map.of("role", "ENTERPRISE_MANAGER", "enterpriseId", Demo.RUIRUN.toString()),
					Map.of("role", "GATE_STAFF", "enterpriseId", Demo.TIANYOU.toString()));
		// Two enterprises: the single-enterprise field of older clients says none.
		assertThat(me).doesNotContainKey("enterpriseId");

		get(console, "/api/v1/enterprises/" + Demo.RUIRUN, 200);
		get(console, "/api/v1/enterprises/" + Demo.TIANYOU, 404);
		patch(console, "/api/v1/enterprises/" + Demo.RUIRUN, 200);
		patch(console, "/api/v1/enterprises/" + Demo.TIANYOU, 404);
		get(console, "/api/v1/places/" + TIANYOU_GATE, 404);
		assertThat(enterpriseIds(console, "")).containsExactly(Demo.RUIRUN.toString());
		// It grants gate staff where it is the manager, and nowhere else.
		String other = userId("wx-" + UUID.randomUUID());
		grant(console, other, "GATE_STAFF", Demo.RUIRUN, null, 201);
		grant(console, other, "GATE_STAFF", Demo.TIANYOU, null, 404);

		// On the mini-program it scans pass codes at both gates: at one as gate staff,
		// at the other as manager.
		String gate = WeChatSignIn.miniProgramToken(web, openid);
		String person = WeChatSignIn.employee(web, "139");
		scanPass(gate, TIANYOU_GATE, passCode(person), 201);
		scanPass(gate, RUIRUN_GATE, passCode(person), 201);
	}

	@Test
	void aGuideOfTwoEnterprisesSeesBothAndChangesNeither() {
		String openid = "wx-" + UUID.randomUUID();
		String userId = userId(openid);
		grant(tokens.official(), userId, "GUIDE", Demo.RUIRUN, null, 201);
		grant(tokens.official(), userId, "GUIDE", Demo.TIANYOU, null, 201);
		grant(tokens.official(), userId, "GUIDE", Demo.TIANYOU, null, 409);
		String console = consoleToken(openid);

		assertThat(enterpriseIds(console, "")).containsExactlyInAnyOrder(Demo.RUIRUN.toString(),
				Demo.TIANYOU.toString());
		get(console, "/api/v1/enterprises/" + Demo.TIANYOU, 200);
		get(console, "/api/v1/enterprises/" + Demo.SUPERMARKET, 404);
		patch(console, "/api/v1/enterprises/" + Demo.TIANYOU, 403);
		// A guide grants nothing, wherever it is stationed.
		grant(console, userId("wx-" + UUID.randomUUID()), "GATE_STAFF", Demo.TIANYOU, null, 403);
	}

	@Test
	void anOfficialOfTwoZonesOverseesBothSubtreesAndNothingElse() {
		String openid = "wx-" + UUID.randomUUID();
		String userId = userId(openid);
		grant(tokens.admin(), userId, "OFFICIAL", null, Demo.PARK_GRID, 201);
		grant(tokens.admin(), userId, "OFFICIAL", null, Demo.TOWN, 201);
		String console = consoleToken(openid);

		// 瑞润电子 is in the park's grid, 青杠便民超市 in the town; 天友乳业 is in the park
		// itself, above the grid.
		get(console, "/api/v1/enterprises/" + Demo.RUIRUN, 200);
		get(console, "/api/v1/enterprises/" + Demo.SUPERMARKET, 200);
		get(console, "/api/v1/enterprises/" + Demo.TIANYOU, 404);
		patch(console, "/api/v1/enterprises/" + Demo.SUPERMARKET, 200);
		assertThat(enterpriseIds(console, "")).contains(Demo.RUIRUN.toString(), Demo.SUPERMARKET.toString())
			.doesNotContain(Demo.TIANYOU.toString());
		assertThat(enterpriseIds(console, "&zoneId=" + Demo.TOWN)).contains(Demo.SUPERMARKET.toString())
			.doesNotContain(Demo.RUIRUN.toString());
		get(console, "/api/v1/enterprises?zoneId=" + Demo.PARK, 403);
		// Guides and managers only in its subtrees.
		String other = userId("wx-" + UUID.randomUUID());
		grant(console, other, "GUIDE", Demo.SUPERMARKET, null, 201);
		grant(console, other, "GUIDE", Demo.TIANYOU, null, 404);
	}

	@Test
	void anOfficialWhoIsAlsoAGuideElsewhereOverseesOnlyItsZone() {
		String openid = "wx-" + UUID.randomUUID();
		String userId = userId(openid);
		grant(tokens.admin(), userId, "OFFICIAL", null, Demo.TOWN, 201);
		grant(tokens.admin(), userId, "GUIDE", Demo.RUIRUN, null, 201);
		String console = consoleToken(openid);

		get(console, "/api/v1/enterprises/" + Demo.RUIRUN, 200);
		// Its guide's grant reads 瑞润电子; its official's grant does not reach the park.
		patch(console, "/api/v1/enterprises/" + Demo.RUIRUN, 403);
		grant(console, userId("wx-" + UUID.randomUUID()), "ENTERPRISE_MANAGER", Demo.RUIRUN, null, 403);
		patch(console, "/api/v1/enterprises/" + Demo.SUPERMARKET, 200);
	}

	private String userId(String openid) {
		return (String) ((Map<?, ?>) WeChatSignIn.signIn(web, openid).get("user")).get("id");
	}

	/** A console token for the user as the directory holds it now. */
	private String consoleToken(String openid) {
		return (String) web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", openid, "audience", "CONSOLE"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("accessToken");
	}

	private void grant(String token, String userId, String role, UUID enterpriseId, UUID zoneId, int status) {
		Map<String, Object> body = new HashMap<>(Map.of("userId", userId, "role", role));
		if (enterpriseId != null) {
			body.put("enterpriseId", enterpriseId.toString());
		}
		if (zoneId != null) {
			body.put("zoneId", zoneId.toString());
		}
		web.post()
			.uri("/api/v1/role-grants")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private Map<String, Object> get(String token, String path, int status) {
		return web.get()
			.uri(path)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * A change that leaves the enterprise as it was: whether it is allowed is the point.
	 */
	private void patch(String token, String path, int status) {
		Map<String, Object> current = get(tokens.admin(), path, 200);
		web.patch()
			.uri(path)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("headcount", current.get("headcount")))
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

	private List<String> enterpriseIds(String token, String query) {
		List<?> items = (List<?>) get(token, "/api/v1/enterprises?size=100" + query, 200).get("items");
		return items.stream().map(item -> (String) ((Map<?, ?>) item).get("id")).toList();
	}

	private String passCode(String person) {
		return (String) get(person, "/api/v1/me/pass-code", 200).get("code");
	}

	private void scanPass(String token, UUID place, String passCode, int status) {
		web.post()
			.uri("/api/v1/places/{id}/scans", place)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("passCode", passCode, "clientScanId", "scope-" + UUID.randomUUID()))
			.exchange()
			.expectStatus()
			.isEqualTo(status);
	}

}
