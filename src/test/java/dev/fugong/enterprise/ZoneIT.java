package dev.fugong.enterprise;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The zones each caller oversees: what the console's filters and scope picker offer. */
@IntegrationTest
class ZoneIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void theAdminSeesEveryZoneAnOfficialItsSubtreesAndAManagerNone() {
		assertThat(zones(tokens.admin())).contains(Demo.DISTRICT.toString(), Demo.PARK.toString(), Demo.TOWN.toString(),
				Demo.PARK_GRID.toString());
		assertThat(zones(tokens.official())).containsExactlyInAnyOrder(Demo.PARK.toString(), Demo.PARK_GRID.toString());
		assertThat(zones(tokens.townOfficial())).contains(Demo.TOWN.toString())
			.doesNotContain(Demo.PARK.toString(), Demo.DISTRICT.toString());
		assertThat(zones(tokens.manager())).isEmpty();
		web.get()
			.uri("/api/v1/zones")
			.headers(h -> h.setBearerAuth(tokens.console(Demo.EMPLOYEE_USER, Role.EMPLOYEE, Demo.RUIRUN, null)))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private List<String> zones(String token) {
		List<?> items = (List<?>) web.get()
			.uri("/api/v1/zones")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("items");
		return items.stream().map(item -> (String) ((Map<?, ?>) item).get("id")).toList();
	}

}
