package dev.fugong.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.fugong.config.FugongProperties;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in limits as clients meet them, on the default settings (the test profile
 * changes none of them): a shift start behind one NAT all signs in, while codes that keep
 * failing and one account signing in over and over are turned away with a 429 whose
 * Retry-After says when to come back. Each test comes from its own address, passed as the
 * ingress would.
 */
@IntegrationTest
@TestPropertySource(properties = "fugong.http.trusted-proxies=127.0.0.1/32,::1/128")
class LoginRateLimitIT {

	@Autowired
	WebTestClient web;

	@Autowired
	FugongProperties properties;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void threeHundredPeopleBehindOneAddressAllSignInWithinAMinute() {
		String plant = freshAddress();
		WebClient client = WebClient.create(baseUrl());
		long started = System.nanoTime();

		List<Integer> statuses = Flux.range(0, 300)
			.map(i -> WeChatSignIn.loginCode(web, "wx-shift-" + UUID.randomUUID()))
			.collectList()
			.flatMapMany(codes -> Flux.fromIterable(codes)
				.flatMap(code -> client.post()
					.uri("/api/v1/auth/wechat/login")
					.header("X-Forwarded-For", plant)
					.bodyValue(Map.of("code", code))
					.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 16))
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(statuses).hasSize(300).containsOnly(200);
		// The limit is per minute: the 300 came within one.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void aFloodOfBadCodesFromOneAddressIsStoppedBeforeWeChatIsAsked() {
		String address = freshAddress();
		int allowed = properties.security().logins().failuresPerAddress();
		for (int i = 0; i < allowed; i++) {
			login(address, "not-a-code-" + i).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("wechat_code_invalid");
		}
		String retryAfter = login(address, "not-a-code-again").expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited")
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.RETRY_AFTER);
		assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
		// Until the window ends, a good code from there waits too: the code is not spent.
		String good = WeChatSignIn.loginCode(web, "wx-" + UUID.randomUUID());
		login(address, good).expectStatus().isEqualTo(429);
		// Another address is not held back by this one.
		login(freshAddress(), good).expectStatus().isOk();
	}

	@Test
	void oneWeChatUserIsLimitedWhicheverAddressItComesFrom() {
		String openid = "wx-" + UUID.randomUUID();
		for (int i = 0; i < properties.security().logins().perUser(); i++) {
			login(freshAddress(), WeChatSignIn.loginCode(web, openid)).expectStatus().isOk();
		}
		login(freshAddress(), WeChatSignIn.loginCode(web, openid)).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited");
	}

	@Test
	void oneAddressPastItsGenerousLimitIsTurnedAway() {
		String address = freshAddress();
		int allowed = properties.security().logins().perAddress();
		// As if that many had signed in from there this minute: 1,200 real sign-ins would
		// only make the test slow. The counter is the limiter's own.
		redis.opsForValue()
			.set("ratelimit:login:ip:" + address, String.valueOf(allowed), Duration.ofMinutes(1))
			.block(Duration.ofSeconds(10));
		login(address, WeChatSignIn.loginCode(web, "wx-" + UUID.randomUUID())).expectStatus().isEqualTo(429);
		login(freshAddress(), WeChatSignIn.loginCode(web, "wx-" + UUID.randomUUID())).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec login(String address, String code) {
		return web.post()
			.uri("/api/v1/auth/wechat/login")
			.header("X-Forwarded-For", address)
			.bodyValue(Map.of("code", code))
			.exchange();
	}

	private String baseUrl() {
		return web.get().uri("/livez").exchange().returnResult(Void.class).getUrl().resolve("/").toString();
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
