package dev.fugong.shared.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.config.FugongProperties;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Access tokens stopped before they expire: one token (logout), a whole sign-in family
 * (logout, or a replayed refresh token), or every token of a user issued before one of
 * its grants was revoked (its grants version, ADR 0006).
 * <p>
 * Redis holds them in one sorted set, each scored by when it may be forgotten (its tokens
 * have expired by then). Every pod reads the set again every second and checks tokens
 * against its copy, so a request costs no round trip for this: profiled under load, that
 * round trip was a sixth of a gate scan's CPU. A revocation takes effect at once on the
 * pod that made it and within about a second on the others. A pod whose copy is older
 * than {@link #STALE} (Redis unreachable) asks Redis on every request instead, and so
 * answers 503 while Redis is down rather than trusting an old copy.
 */
@Component
public class TokenRevocations {

	private static final Logger log = LoggerFactory.getLogger(TokenRevocations.class);

	static final String KEY = "auth:revocations";

	private static final String GRANTS = "grants:";

	/** A copy read longer ago than this is not trusted. */
	static final Duration STALE = Duration.ofSeconds(3);

	/** Kept past a token's expiry, for pods whose clocks run behind. */
	private static final Duration MARGIN = Duration.ofSeconds(60);

	/**
	 * KEYS: the set. ARGV: forget-at (ms), member, now (ms), the set's TTL (ms). Adds the
	 * revocation and forgets those whose tokens have all expired.
	 */
	private static final RedisScript<Long> ADD = RedisScript.of("""
			redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
			redis.call('PEXPIRE', KEYS[1], ARGV[4])
			return 1
			""", Long.class);

	/**
	 * KEYS: the set. ARGV: token member, family member (or empty), the user's grants
	 * prefix, the token's grants version, now (ms). 1 if revoked. Only for a pod whose
	 * copy is stale (Redis was out of reach), so the walk over the live set runs rarely.
	 */
	private static final RedisScript<Long> CHECK = RedisScript.of(
			"""
					local now = tonumber(ARGV[5])
					for i = 1, 2 do
					  if ARGV[i] ~= '' then
					    local score = redis.call('ZSCORE', KEYS[1], ARGV[i])
					    if score and tonumber(score) > now then return 1 end
					  end
					end
					local version = tonumber(ARGV[4])
					for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do
					  if string.sub(member, 1, #ARGV[3]) == ARGV[3] and tonumber(string.sub(member, #ARGV[3] + 1)) > version then
					    return 1
					  end
					end
					return 0
					""",
			Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final Clock clock;

	private final Duration accessTokenTtl;

	/** The set as last read: member to forget-at (epoch ms). */
	private volatile Map<String, Long> copy = Map.of();

	/** When that read started (epoch ms); the copy knows every revocation made before. */
	private volatile long copiedAt = Long.MIN_VALUE;

	/**
	 * Revocations made by this pod, until they expire: a read that started before one was
	 * written must not hide it.
	 */
	private final Map<String, Long> own = new ConcurrentHashMap<>();

	/** The grants revocations of {@link #copy}, by user. */
	private volatile Map<UUID, Floor> copyFloors = Map.of();

	/** The grants revocations of {@link #own}, by user. */
	private final Map<UUID, Floor> ownFloors = new ConcurrentHashMap<>();

	private final AtomicBoolean reading = new AtomicBoolean();

	private volatile boolean reached;

	TokenRevocations(ReactiveStringRedisTemplate redis, Clock clock, FugongProperties properties) {
		this.redis = redis;
		this.clock = clock;
		this.accessTokenTtl = properties.security().accessTokenTtl();
	}

	public Mono<Void> revokeToken(String tokenId, Instant expiresAt) {
		if (!expiresAt.isAfter(clock.instant())) {
			return Mono.empty();
		}
		return add(tokenMember(tokenId), expiresAt.plus(MARGIN));
	}

	/** Every access token of the family issued until now stops working. */
	public Mono<Void> revokeFamily(UUID familyId) {
		return add(familyMember(familyId), clock.instant().plus(accessTokenTtl).plus(MARGIN));
	}

	/**
	 * Every access token of the user issued with grants older than {@code version} stops
	 * working: one of its grants was revoked, and its next refresh reads what is left.
	 * Call it before the revocation commits: a token issued in between carries the old
	 * version and is refused too.
	 */
	public Mono<Void> revokeGrantsBefore(UUID userId, long version) {
		return add(grantsMember(userId, version), clock.instant().plus(accessTokenTtl).plus(MARGIN));
	}

	private Mono<Void> add(String member, Instant forgetAt) {
		long now = clock.millis();
		return redis
			.execute(ADD, List.of(KEY),
					List.of(String.valueOf(forgetAt.toEpochMilli()), member, String.valueOf(now),
							String.valueOf(accessTokenTtl.plus(MARGIN).plus(MARGIN).toMillis())))
			.then(Mono.fromRunnable(() -> {
				own.put(member, forgetAt.toEpochMilli());
				floors(Map.of(member, forgetAt.toEpochMilli()))
					.forEach((user, floor) -> ownFloors.merge(user, floor, Floor::max));
			}));
	}

	public Mono<Boolean> isRevoked(CurrentUser user) {
		long now = clock.millis();
		String token = tokenMember(user.tokenId());
		String family = user.familyId() == null ? null : familyMember(user.familyId());
		if (now - copiedAt <= STALE.toMillis()) {
			return Mono.just(listed(copy, token, family, now) || listed(own, token, family, now)
					|| user.grantsVersion() < grantsFloor(user.id(), now));
		}
		Mono<Boolean> revoked = redis
			.execute(CHECK, List.of(KEY),
					List.of(token, family == null ? "" : family, grantsPrefix(user.id()),
							String.valueOf(user.grantsVersion()), String.valueOf(now)))
			.next()
			.map(answer -> answer == 1L)
			.doOnNext(answered -> reached = true);
		// Until Redis has answered once, Spring Data Redis may open its shared connection
		// synchronously on the calling thread: keep that off the event loop.
		return reached ? revoked : revoked.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The first grants version of this user still valid: 0 unless a grant was revoked.
	 */
	private long grantsFloor(UUID userId, long now) {
		return Math.max(floor(copyFloors, userId, now), floor(ownFloors, userId, now));
	}

	private static long floor(Map<UUID, Floor> floors, UUID userId, long now) {
		Floor floor = floors.get(userId);
		return (floor == null || floor.forgetAt() <= now) ? 0 : floor.version();
	}

	/** The grants revocations among these members, by user: the highest version each. */
	private static Map<UUID, Floor> floors(Map<String, Long> members) {
		Map<UUID, Floor> floors = new HashMap<>();
		members.forEach((member, forgetAt) -> {
			if (member.startsWith(GRANTS)) {
				int colon = member.lastIndexOf(':');
				Floor floor = new Floor(Long.parseLong(member.substring(colon + 1)), forgetAt);
				floors.merge(UUID.fromString(member.substring(GRANTS.length(), colon)), floor, Floor::max);
			}
		});
		return floors;
	}

	/** Tokens of grants older than {@code version} are revoked until {@code forgetAt}. */
	private record Floor(long version, long forgetAt) {

		Floor max(Floor other) {
			return version >= other.version ? this : other;
		}

	}

	private static boolean listed(Map<String, Long> revocations, String token, String family, long now) {
		Long forgetAt = revocations.get(token);
		if (forgetAt == null && family != null) {
			forgetAt = revocations.get(family);
		}
		return forgetAt != null && forgetAt > now;
	}

	/** Reads the set again; skipped while the previous read is still out. */
	@Scheduled(fixedDelayString = "PT1S")
	void refresh() {
		if (!reading.compareAndSet(false, true)) {
			return;
		}
		read().doFinally(signal -> reading.set(false))
			.subscribe(null, error -> log.debug("Token revocations not read: {}", error.toString()));
	}

	/** Reads every revocation still in force into this pod's copy. */
	Mono<Void> read() {
		long started = clock.millis();
		return redis.opsForZSet()
			.rangeByScoreWithScores(KEY, Range.rightUnbounded(Range.Bound.exclusive((double) started)))
			.collectMap(entry -> entry.getValue(), entry -> entry.getScore().longValue())
			.doOnNext(read -> {
				copyFloors = floors(read);
				copy = Map.copyOf(read);
				copiedAt = started;
				reached = true;
				own.values().removeIf(forgetAt -> forgetAt <= started);
				ownFloors.values().removeIf(floor -> floor.forgetAt() <= started);
			})
			.then();
	}

	private static String tokenMember(String tokenId) {
		return "token:" + tokenId;
	}

	private static String familyMember(UUID familyId) {
		return "family:" + familyId;
	}

	private static String grantsPrefix(UUID userId) {
		return GRANTS + userId + ":";
	}

	private static String grantsMember(UUID userId, long version) {
		return grantsPrefix(userId) + version;
	}

}
