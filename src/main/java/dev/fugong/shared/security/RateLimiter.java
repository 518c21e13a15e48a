package dev.fugong.shared.security;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
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

	/** Whether Redis has answered once, so the shared connection is open. */
	private volatile boolean reached;

	RateLimiter(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Counts one more call for {@code key}; past {@code limit} in the window, a 429
	 * problem.
	 */
	public Mono<Void> acquire(String key, int limit, Duration window) {
		return run(redis.execute(INCREMENT, List.of("ratelimit:" + key), List.of(String.valueOf(window.toMillis()))))
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
		return run(redis.execute(PEEK, List.of("ratelimit:" + key), List.of())).flatMap(answer -> {
			long count = ((Number) answer.get(0)).longValue();
			long resetMillis = ((Number) answer.get(1)).longValue();
			return (count >= limit) ? Mono.error(new TooManyRequests(resetMillis)) : Mono.empty();
		});
	}

	/** Counts one more event for {@code key} in a window that starts with the first. */
	public Mono<Void> count(String key, Duration window) {
		return run(redis.execute(INCREMENT, List.of("ratelimit:" + key), List.of(String.valueOf(window.toMillis()))))
			.then();
	}

	/**
	 * The script's answer. Until Redis has answered once, Spring Data Redis may open its
	 * shared connection synchronously on the calling thread, so the first calls are made
	 * off the event loop (as in TokenRevocations#isRevoked); after that, a thread hop per
	 * call would only cost time.
	 */
	@SuppressWarnings("rawtypes")
	private Mono<List> run(Flux<List> script) {
		Mono<List> answer = script.next().doOnNext(any -> this.reached = true);
		return this.reached ? answer : answer.subscribeOn(Schedulers.boundedElastic());
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
