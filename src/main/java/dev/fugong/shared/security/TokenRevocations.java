package dev.fugong.shared.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Access tokens stopped before they expire: one token (logout) or a whole sign-in family
 * (logout, or a replayed refresh token). Kept in Redis only as long as the tokens could
 * still be used.
 */
@Component
public class TokenRevocations {

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final Duration accessTokenTtl;

	private volatile boolean reached;

	TokenRevocations(ReactiveStringRedisTemplate redis, Clock clock, dev.fugong.config.FugongProperties properties) {
		this.redis = redis;
		this.clock = clock;
		this.accessTokenTtl = properties.security().accessTokenTtl();
	}

	public Mono<Void> revokeToken(String tokenId, Instant expiresAt) {
		Duration left = Duration.between(clock.instant(), expiresAt);
		if (left.isNegative() || left.isZero()) {
			return Mono.empty();
		}
		return redis.opsForValue().set(tokenKey(tokenId), "1", left.plusSeconds(1)).then();
	}

	/** Every access token of the family issued until now stops working. */
	public Mono<Void> revokeFamily(UUID familyId) {
		return redis.opsForValue().set(familyKey(familyId), "1", accessTokenTtl.plusSeconds(60)).then();
	}

	public Mono<Boolean> isRevoked(CurrentUser user) {
		List<String> keys = user.familyId() == null ? List.of(tokenKey(user.tokenId()))
				: List.of(tokenKey(user.tokenId()), familyKey(user.familyId()));
		Mono<Boolean> revoked = redis.opsForValue()
			.multiGet(keys)
			.map(values -> values.stream().anyMatch(value -> value != null))
			.doOnNext(answered -> reached = true);
		// Until Redis has answered once, Spring Data Redis may open its shared connection
		// synchronously on the calling thread: keep that off the event loop. Afterwards
		// the connection is Lettuce's, which reconnects by itself, and a thread hop per
		// request would only cost.
		return reached ? revoked : revoked.subscribeOn(Schedulers.boundedElastic());
	}

	private static String tokenKey(String tokenId) {
		return "revoked:token:" + tokenId;
	}

	private static String familyKey(UUID familyId) {
		return "revoked:family:" + familyId;
	}

}
