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

	private static final RedisScript<Long> INCREMENT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n
			""", Long.class);

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
			.flatMap(count -> count > limit ? Mono.error(new TooManyRequests(window)) : Mono.empty());
	}

	static class TooManyRequests extends ApiException {

		TooManyRequests(Duration window) {
			super(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED, "Too many requests. Try again later.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(window.toSeconds()));
		}

	}

}
