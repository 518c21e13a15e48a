package dev.fugong.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local profile's stand-in for login: demo users get tokens carrying their grants'
 * scope.
 */
@IntegrationTest
class DevTokenIT {

	@Autowired
	WebTestClient web;

	@Test
	void aDemoManagerGetsATokenScopedToItsEnterprise() {
		String token = token("demo-manager");

		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(1)
			.jsonPath("$.items[0].id")
			.isEqualTo(Demo.RUIRUN.toString());
	}

	@Test
	void anUnknownOpenidGetsNoToken() {
		web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", "nobody", "audience", "CONSOLE"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	/** The openid went to PostgreSQL as it was, and a NUL there was a 500. */
	@Test
	void aControlCharacterInTheOpenidIsA400NamingIt() {
		web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", "demo-\u0000manager", "audience", "CONSOLE"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("openid");
	}

	@Test
	void anEmployeeTokenDoesNotOpenTheConsoleRegistry() {
		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(token("demo-employee")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private String token(String openid) {
		Map<String, Object> body = web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", openid, "audience", "CONSOLE"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(body).containsEntry("tokenType", "Bearer");
		return (String) body.get("accessToken");
	}

}
