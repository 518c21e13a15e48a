package dev.fugong.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.config.FugongProperties;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocations made on another pod: each pod checks tokens against its own copy of the
 * revocations, read every second, and asks Redis itself when its copy is too old.
 */
@IntegrationTest
class TokenRevocationsIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokens;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	FugongProperties properties;

	@Test
	void aTokenRevokedOnAnotherPodStopsWorkingHereWithinAboutASecond() throws InterruptedException {
		TokenService.IssuedToken token = tokens.issue(Demo.EMPLOYEE_USER,
				List.of(new Grant(Role.EMPLOYEE, Demo.RUIRUN)), 0, Audience.MINI_PROGRAM, null);
		me(token.value()).expectStatus().isOk();

		// What another pod's logout writes.
		revokeElsewhere("token:" + token.tokenId());
		long started = System.nanoTime();
		int status = 200;
		while (status == 200 && System.nanoTime() - started < Duration.ofSeconds(5).toNanos()) {
			Thread.sleep(50);
			status = me(token.value()).returnResult(String.class).getStatus().value();
		}
		assertThat(status).isEqualTo(401);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aPodWhoseCopyIsTooOldAsksRedis() {
		MutableClock clock = new MutableClock(Instant.now());
		TokenRevocations revocations = new TokenRevocations(redis, clock, properties);
		revocations.read().block();
		CurrentUser user = new CurrentUser(UUID.randomUUID(), Set.of(new Grant(Role.EMPLOYEE, null)),
				Audience.MINI_PROGRAM, UUID.randomUUID().toString(), UUID.randomUUID(),
				clock.instant().plusSeconds(600), 0);

		revokeElsewhere("family:" + user.familyId());
		// Its copy is fresh and does not know yet: the second this design allows.
		assertThat(revocations.isRevoked(user).block()).isFalse();
		clock.advance(TokenRevocations.STALE.plusSeconds(1));
		assertThat(revocations.isRevoked(user).block()).isTrue();
		revocations.read().block();
		assertThat(revocations.isRevoked(user).block()).isTrue();
	}

	@Test
	void aRevocationMadeHereCountsAtOnceEvenIfACopyReadBeforeItArrivesAfter() {
		MutableClock clock = new MutableClock(Instant.now());
		TokenRevocations revocations = new TokenRevocations(redis, clock, properties);
		revocations.read().block();
		CurrentUser user = new CurrentUser(UUID.randomUUID(), Set.of(new Grant(Role.EMPLOYEE, null)),
				Audience.MINI_PROGRAM, UUID.randomUUID().toString(), null, clock.instant().plusSeconds(600), 0);
		revocations.revokeToken(user.tokenId(), user.expiresAt()).block();
		assertThat(revocations.isRevoked(user).block()).isTrue();
		// Forgotten only after the token's expiry (and a margin for clocks behind).
		clock.advance(Duration.ofSeconds(600 + 61));
		revocations.read().block();
		assertThat(revocations.isRevoked(user).block()).isFalse();
	}

	@Test
	void aRevokedGrantVoidsTheUsersOlderTokensOnlyFromItsCopyAndFromRedisAlike() {
		MutableClock clock = new MutableClock(Instant.now());
		TokenRevocations elsewhere = new TokenRevocations(redis, clock, properties);
		TokenRevocations here = new TokenRevocations(redis, clock, properties);
		UUID userId = UUID.randomUUID();
		CurrentUser before = user(userId, 3, clock);
		CurrentUser after = user(userId, 4, clock);
		CurrentUser someoneElse = user(UUID.randomUUID(), 0, clock);
		here.read().block();

		elsewhere.revokeGrantsBefore(userId, 4).block();
		// Where it was made: at once.
		assertThat(elsewhere.isRevoked(before).block()).isTrue();
		assertThat(elsewhere.isRevoked(after).block()).isFalse();
		// Here, from the copy once read.
		here.read().block();
		assertThat(here.isRevoked(before).block()).isTrue();
		assertThat(here.isRevoked(after).block()).isFalse();
		assertThat(here.isRevoked(someoneElse).block()).isFalse();
		// From Redis itself when the copy is too old to trust.
		clock.advance(TokenRevocations.STALE.plusSeconds(1));
		assertThat(here.isRevoked(before).block()).isTrue();
		assertThat(here.isRevoked(after).block()).isFalse();
		assertThat(here.isRevoked(someoneElse).block()).isFalse();
	}

	private static CurrentUser user(UUID id, long grantsVersion, MutableClock clock) {
		return new CurrentUser(id, Set.of(new Grant(Role.GUIDE, UUID.randomUUID())), Audience.CONSOLE,
				UUID.randomUUID().toString(), UUID.randomUUID(), clock.instant().plusSeconds(600), grantsVersion);
	}

	private void revokeElsewhere(String member) {
		redis.opsForZSet()
			.add(TokenRevocations.KEY, member, Instant.now().plus(Duration.ofMinutes(15)).toEpochMilli())
			.block();
	}

	private WebTestClient.ResponseSpec me(String token) {
		return web.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange();
	}

}
