package dev.fugong.auth;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in limit as a client meets it: a few attempts a minute pass, the next is a 429
 * problem whose Retry-After says when to come back. The shared test profile lifts the
 * limit (every test signs in from 127.0.0.1), so this class runs its own instance with a
 * limit of three and a distinct client address per test, passed as the ingress would.
 */
@IntegrationTest
@TestPropertySource(properties = "fugong.security.logins-per-minute=3")
class LoginRateLimitIT {

	@Autowired
	WebTestClient web;

	@Test
	void theFourthSignInFromOneAddressWithinAMinuteIsTurnedAway() {
		String address = freshAddress();
		for (int i = 0; i < 3; i++) {
			login(address, "wx-" + UUID.randomUUID()).expectStatus().isOk();
		}
		String retryAfter = login(address, "wx-" + UUID.randomUUID()).expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited")
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);

		// Another address is not held back by this one.
		login(freshAddress(), "wx-" + UUID.randomUUID()).expectStatus().isOk();
	}

	@Test
	void oneWeChatUserIsLimitedWhicheverAddressItComesFrom() {
		String openid = "wx-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			login(freshAddress(), openid).expectStatus().isOk();
		}
		login(freshAddress(), openid).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited");
	}

	private WebTestClient.ResponseSpec login(String address, String openid) {
		return web.post()
			.uri("/api/v1/auth/wechat/login")
			.header("X-Forwarded-For", address)
			.bodyValue(Map.of("code", WeChatSignIn.loginCode(web, openid)))
			.exchange();
	}

	/**
	 * An address from TEST-NET-2, unique enough that runs within a minute do not share
	 * it.
	 */
	private static String freshAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
