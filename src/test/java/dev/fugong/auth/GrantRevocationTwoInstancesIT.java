package dev.fugong.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.FugongApplication;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A revoked grant stops working within seconds on every instance, not when the access
 * token expires ten minutes later: it is how an insider is stopped. Two service instances
 * on one PostgreSQL and one Redis, as two pods would be.
 */
class GrantRevocationTwoInstancesIT {

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() {
		first = start("first");
		second = start("second");
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void aRevokedManagerIsRefusedOnTheOtherInstanceWithinSecondsAndItsRefreshLacksTheRole() {
		WebTestClient one = client(first);
		WebTestClient two = client(second);
		String admin = devToken(one, "demo-admin");
		String openid = "wx-" + UUID.randomUUID();
		Map<String, Object> signedIn = WeChatSignIn.signIn(one, openid);
		String userId = (String) ((Map<?, ?>) signedIn.get("user")).get("id");
		String grantId = (String) one.post()
			.uri("/api/v1/role-grants")
			.headers(h -> h.setBearerAuth(admin))
			.bodyValue(Map.of("userId", userId, "role", "ENTERPRISE_MANAGER", "enterpriseId", Demo.TIANYOU.toString()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		String console = devToken(one, openid);
		Map<String, Object> refreshed = refresh(two, (String) signedIn.get("refreshToken"));
		assertThat(roles(refreshed)).contains("ENTERPRISE_MANAGER");
		patchTianyou(two, console).isOk();

		one.delete()
			.uri("/api/v1/role-grants/{id}", grantId)
			.headers(h -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isNoContent();

		// At once where it was revoked; within seconds on the other instance, which only
		// hears of it through Redis.
		patchTianyou(one, console).isUnauthorized();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> patchTianyou(two, console).isUnauthorized());
		patchTianyou(two, (String) refreshed.get("accessToken")).isUnauthorized();

		// Its sign-in goes on: a refresh gives tokens without the role.
		Map<String, Object> after = refresh(two, (String) refreshed.get("refreshToken"));
		assertThat(roles(after)).containsExactly("EMPLOYEE");
		two.get()
			.uri("/api/v1/me")
			.headers(h -> h.setBearerAuth((String) after.get("accessToken")))
			.exchange()
			.expectStatus()
			.isOk();
		patchTianyou(two, devToken(one, openid)).isForbidden();
	}

	private static StatusAssertions patchTianyou(WebTestClient client, String token) {
		return client.patch()
			.uri("/api/v1/enterprises/{id}", Demo.TIANYOU)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("headcount", 120))
			.exchange()
			.expectStatus();
	}

	private static List<Object> roles(Map<String, Object> signedIn) {
		return List.copyOf((List<?>) ((Map<?, ?>) signedIn.get("user")).get("roles"));
	}

	private static Map<String, Object> refresh(WebTestClient client, String refreshToken) {
		return client.post()
			.uri("/api/v1/auth/token/refresh")
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private static String devToken(WebTestClient client, String openid) {
		return (String) client.post()
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

	private static ConfigurableApplicationContext start(String name) {
		// Arguments, not default properties: those would lose to application.yaml's port
		// 8080.
		return new SpringApplicationBuilder(FugongApplication.class).profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=fugong-" + name);
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
