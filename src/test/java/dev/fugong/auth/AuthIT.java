package dev.fugong.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mini-program sign-in through the WeChat fake, refresh rotation, logout and phone
 * binding.
 */
@IntegrationTest
class AuthIT {

	@Autowired
	WebTestClient web;

	@Test
	void aFirstSignInCreatesAnEmployeeAndNeverShowsTheSessionKey() {
		String openid = "wx-" + UUID.randomUUID();
		String body = web.post()
			.uri("/api/v1/auth/wechat/login")
			.bodyValue(Map.of("code", loginCode(openid)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).doesNotContainIgnoringCase("session")
			.contains("\"tokenType\":\"Bearer\"")
			.contains("\"roles\":[\"EMPLOYEE\"]")
			.contains("\"phoneBound\":false");

		Map<String, Object> tokens = login(openid);
		web.get()
			.uri("/api/v1/me")
			.headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.roles[0]")
			.isEqualTo("EMPLOYEE")
			.jsonPath("$.phoneMasked")
			.doesNotExist();
	}

	@Test
	void weChatErrorsBecomeClearProblems() {
		String code = loginCode("wx-" + UUID.randomUUID());
		web.post().uri("/api/v1/auth/wechat/login").bodyValue(Map.of("code", code)).exchange().expectStatus().isOk();
		problem(code, 400, "wechat_code_used");
		problem("no-such-code", 400, "wechat_code_invalid");
		queue(40226);
		problem(loginCode("wx-risky"), 403, "wechat_risky_user");
		queue(45011);
		problem(loginCode("wx-limited"), 429, "rate_limited");
		queue(-1);
		problem(loginCode("wx-busy"), 503, "dependency_unavailable");
		problem(null, 400, "validation_failed");
	}

	@Test
	void aRefreshTokenWorksOnceAndAReplayRevokesTheWholeSignIn() {
		Map<String, Object> first = login("wx-" + UUID.randomUUID());
		Map<String, Object> second = refresh((String) first.get("refreshToken"), 200);
		assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
		String access = (String) second.get("accessToken");
		web.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isOk();

		// The first token again: stolen or replayed. Everything of this sign-in stops
		// working.
		refresh((String) first.get("refreshToken"), 401);
		refresh((String) second.get("refreshToken"), 401);
		web.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void concurrentRefreshesOfOneTokenGiveExactlyOnePair() {
		String refreshToken = (String) login("wx-" + UUID.randomUUID()).get("refreshToken");
		List<CompletableFuture<Integer>> calls = new ArrayList<>();
		// A generous timeout: on two shared cores the point is who wins, not how fast.
		WebTestClient patient = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		for (int i = 0; i < 20; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> patient.post()
				.uri("/api/v1/auth/token/refresh")
				.bodyValue(Map.of("refreshToken", refreshToken))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value()));
		}
		List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
		assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn(status -> status != 200).containsOnly(401);
	}

	@Test
	void logoutStopsTheAccessTokenAndItsRefreshToken() {
		Map<String, Object> tokens = login("wx-" + UUID.randomUUID());
		String access = (String) tokens.get("accessToken");

		web.post()
			.uri("/api/v1/auth/logout")
			.headers(h -> h.setBearerAuth(access))
			.exchange()
			.expectStatus()
			.isNoContent();

		web.get()
			.uri("/api/v1/me")
			.headers(h -> h.setBearerAuth(access))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		refresh((String) tokens.get("refreshToken"), 401);
	}

	@Test
	void aBoundPhoneIsShownMaskedAndLinksThePerson() {
		String openid = "wx-" + UUID.randomUUID();
		String access = (String) login(openid).get("accessToken");
		String phone = "137" + String.format("%08d", Math.floorMod(openid.hashCode(), 100_000_000));
		String code = (String) web.post()
			.uri("/__fake/wechat/phone-codes")
			.bodyValue(Map.of("phone", phone))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");

		String body = web.post()
			.uri("/api/v1/auth/wechat/phone")
			.headers(h -> h.setBearerAuth(access))
			.bodyValue(Map.of("code", code))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String masked = phone.substring(0, 3) + "****" + phone.substring(7);
		assertThat(body).contains(masked).doesNotContain(phone);

		web.get()
			.uri("/api/v1/me")
			.headers(h -> h.setBearerAuth(access))
			.exchange()
			.expectBody()
			.jsonPath("$.phoneMasked")
			.isEqualTo(masked);
		assertThat(login(openid)).extractingByKey("user").asString().contains("phoneBound=true");
	}

	@Test
	void aManagerSignedInOnTheMiniProgramCannotUseTheConsoleRegistry() {
		Map<String, Object> tokens = login("demo-manager");
		assertThat(tokens).extractingByKey("user").asString().contains("ENTERPRISE_MANAGER");
		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private Map<String, Object> login(String openid) {
		return WeChatSignIn.signIn(web, openid);
	}

	private Map<String, Object> refresh(String refreshToken, int status) {
		return web.post()
			.uri("/api/v1/auth/token/refresh")
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private void problem(String code, int status, String problemCode) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("code", code);
		web.post()
			.uri("/api/v1/auth/wechat/login")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(problemCode);
	}

	private void queue(int errcode) {
		web.post()
			.uri("/__fake/wechat/errors")
			.bodyValue(Map.of("call", "jscode2session", "errcode", errcode))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private String loginCode(String openid) {
		return WeChatSignIn.loginCode(web, openid);
	}

}
