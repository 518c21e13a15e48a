package dev.fugong.wechat;

import java.time.Duration;
import java.util.List;
import dev.fugong.shared.id.Ids;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * WeChat's access token, shared by every pod through Redis. One pod at a time refreshes
 * it (a lock in Redis), when under {@link #REFRESH_MARGIN} of its 7200 s remain; the
 * others wait for the new value. When WeChat says a token is invalid or expired, it is
 * dropped only if it is still the stored one (another pod may have refreshed it already),
 * and the call is retried once.
 */
@Component
public class AccessTokenProvider {

	static final String KEY = "wechat:access-token";

	static final String LOCK = "wechat:access-token:lock";

	static final Duration REFRESH_MARGIN = Duration.ofSeconds(300);

	private static final Duration LOCK_TTL = Duration.ofSeconds(10);

	private static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final WeChatClient client;

	AccessTokenProvider(ReactiveStringRedisTemplate redis, WeChatClient client) {
		this.redis = redis;
		this.client = client;
	}

	/** A valid access token: the stored one, or a fresh one. */
	public Mono<String> token() {
		return redis.opsForValue().get(KEY).switchIfEmpty(Mono.defer(this::refresh));
	}

	/**
	 * Runs {@code call} with the token; if WeChat refuses the token, drops it (when it is
	 * still the stored one) and runs the call once more with a new token.
	 */
	public <T> Mono<T> withToken(Function<String, Mono<T>> call) {
		return token().flatMap(token -> call.apply(token)
			.onErrorResume(ex -> ex instanceof WeChatException wx && wx.error().isTokenProblem(),
					ex -> redis.execute(DELETE_IF_EQUAL, List.of(KEY), List.of(token))
						.then(Mono.defer(this::token))
						.flatMap(call)));
	}

	private Mono<Long> release(String owner) {
		return redis.execute(DELETE_IF_EQUAL, List.of(LOCK), List.of(owner)).next();
	}

	private Mono<String> refresh() {
		String owner = Ids.newId().toString();
		return redis.opsForValue().setIfAbsent(LOCK, owner, LOCK_TTL).flatMap(locked -> {
			if (!locked) {
				// Another pod is refreshing: wait for its token.
				return redis.opsForValue()
					.get(KEY)
					.switchIfEmpty(Mono.error(new IllegalStateException("token not refreshed yet")))
					.retryWhen(Retry.fixedDelay(30, Duration.ofMillis(100)));
			}
			return client.stableToken(false)
				.flatMap(fresh -> redis.opsForValue()
					.set(KEY, fresh.value(),
							Duration.ofSeconds(Math.max(1, fresh.expiresInSeconds() - REFRESH_MARGIN.toSeconds())))
					.thenReturn(fresh.value()))
				.flatMap(value -> release(owner).thenReturn(value))
				.onErrorResume(ex -> release(owner).then(Mono.error(ex)));
		});
	}

}
