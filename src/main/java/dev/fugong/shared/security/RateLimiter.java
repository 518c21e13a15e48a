package dev.fugong.shared.security;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fixed-window counters in Redis, shared by every pod. Written here because the one thing
 * needed is an atomic INCR-with-expiry; a bucket library would add a dependency for two
 * lines of Lua.
 */
@Component
public class RateLimiter {

	/** Counts a call and answers {count, milliseconds until the window resets}. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> INCREMENT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return {n, redis.call('PTTL', KEYS[1])}
			""", List.class);

	/** Answers {count, milliseconds until the window resets} without counting. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PEEK = RedisScript.of("""
			local n = tonumber(redis.call('GET', KEYS[1]) or '0')
			return {n, redis.call('PTTL', KEYS[1])}
			""", List.class);

	private final ReactiveStringRedisTemplate redis;

	RateLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Counts one more call for {@code key}; past {@code limit} in the window, a 429
	 * problem.
	 */
	public Mono<Void> acquire(String key, int limit, Duration window) {
		return redis.execute(INCREMENT, List.of("ratelimit:" + key), List.of(String.valueOf(window.toMillis())))
			.next()
			// Off the event loop, for the same reason as TokenRevocations#isRevoked.
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(answer -> {
				long count = ((Number) answer.get(0)).longValue();
				long resetMillis = ((Number) answer.get(1)).longValue();
				return (count > limit) ? Mono.error(new TooManyRequests(resetMillis)) : Mono.empty();
			});
	}

	/**
	 * A 429 problem if {@code key} has already been counted {@code limit} times in its
	 * window; counts nothing. With {@link #count}, limits failures only: a caller is
	 * turned away once it has failed too often, whatever it does right.
	 */
	public Mono<Void> requireBelow(String key, int limit) {
		return redis.execute(PEEK, List.of("ratelimit:" + key), List.of())
			.next()
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(answer -> {
				long count = ((Number) answer.get(0)).longValue();
				long resetMillis = ((Number) answer.get(1)).longValue();
				return (count >= limit) ? Mono.error(new TooManyRequests(resetMillis)) : Mono.empty();
			});
	}

	/** Counts one more event for {@code key} in a window that starts with the first. */
	public Mono<Void> count(String key, Duration window) {
		return redis.execute(INCREMENT, List.of("ratelimit:" + key), List.of(String.valueOf(window.toMillis())))
			.next()
			.subscribeOn(Schedulers.boundedElastic())
			.then();
	}

	static class TooManyRequests extends ApiException {

		TooManyRequests(long resetMillis) {
			super(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED, "Too many requests. Try again later.");
			// Whole seconds until the window resets, rounded up so a client that waits is
			// let in.
			long seconds = Math.max(1, (resetMillis + 999) / 1000);
			getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
		}

	}

}
