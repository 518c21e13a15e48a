package dev.fugong.auth.qrlogin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.AuthService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Console sign-in by QR code. A ticket lives in Redis (hash {@code qrlogin:<ticket>},
 * with a TTL) and moves PENDING → SCANNED → CONFIRMED → CONSUMED, or to CANCELLED /
 * EXPIRED. Every move is one Lua script, so it is atomic across pods, and is published on
 * one channel (see QrLoginEvents), so the console's event stream hears it whichever pod
 * holds it. Only the console holds the ticket's secret (kept as a SHA-256); only the user
 * who scanned may confirm or cancel; the ticket is redeemed for tokens exactly once.
 */
@Service
public class QrLoginService {

	static final Duration TTL = Duration.ofSeconds(120);

	/**
	 * Kept a little past expiry, so late pollers hear EXPIRED rather than "not found".
	 */
	private static final Duration KEEP = TTL.plusSeconds(60);

	private static final List<Role> CONSOLE_ROLES = List.of(Role.GUIDE, Role.ENTERPRISE_MANAGER, Role.OFFICIAL,
			Role.DISTRICT_ADMIN);

	/** ARGV: now (ms), scanner id, events channel. Returns the state after the call. */
	private static final RedisScript<String> SCAN = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'UNKNOWN' end
			if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) <= tonumber(ARGV[1]) and state ~= 'CONSUMED' then
			  return 'EXPIRED'
			end
			if state == 'PENDING' then
			  redis.call('HSET', KEYS[1], 'state', 'SCANNED', 'scannerId', ARGV[2])
			  redis.call('PUBLISH', ARGV[3], KEYS[1] .. ' SCANNED')
			  return 'SCANNED'
			end
			if state == 'SCANNED' and redis.call('HGET', KEYS[1], 'scannerId') == ARGV[2] then return 'SCANNED' end
			return 'TAKEN:' .. state
			""", String.class);

	/** ARGV: now (ms), user id, target state (CONFIRMED or CANCELLED), events channel. */
	private static final RedisScript<String> DECIDE = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'UNKNOWN' end
			if tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) <= tonumber(ARGV[1]) then return 'EXPIRED' end
			if redis.call('HGET', KEYS[1], 'scannerId') ~= ARGV[2] then return 'NOT_SCANNER' end
			if state ~= 'SCANNED' then return 'TAKEN:' .. state end
			redis.call('HSET', KEYS[1], 'state', ARGV[3])
			redis.call('PUBLISH', ARGV[4], KEYS[1] .. ' ' .. ARGV[3])
			return ARGV[3]
			""", String.class);

	/** ARGV: now (ms), secret hash. Returns CONSUMED:<user id> once, else the state. */
	private static final RedisScript<String> REDEEM = RedisScript.of("""
			local state = redis.call('HGET', KEYS[1], 'state')
			if not state then return 'UNKNOWN' end
			if redis.call('HGET', KEYS[1], 'secretHash') ~= ARGV[2] then return 'UNKNOWN' end
			if state == 'CONFIRMED' then
			  redis.call('HSET', KEYS[1], 'state', 'CONSUMED')
			  return 'CONSUMED:' .. redis.call('HGET', KEYS[1], 'scannerId')
			end
			if state ~= 'CONSUMED' and tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) <= tonumber(ARGV[1]) then
			  return 'EXPIRED'
			end
			return state
			""", String.class);

	private final ReactiveStringRedisTemplate redis;

	private final QrLoginEvents events;

	private final AuthService auth;

	private final Clock clock;

	QrLoginService(ReactiveStringRedisTemplate redis, QrLoginEvents events, AuthService auth, Clock clock) {
		this.redis = redis;
		this.events = events;
		this.auth = auth;
		this.clock = clock;
	}

	/** A new ticket for a console at this address and browser. */
	public Mono<Ticket> create(String consoleIp, String consoleUserAgent) {
		String ticket = Ids.secret(24);
		String secret = Ids.secret(32);
		Instant now = clock.instant();
		Instant expiresAt = now.plus(TTL);
		String key = key(ticket);
		Map<String, String> fields = Map.of("state", "PENDING", "secretHash", sha256(secret), "consoleIp", consoleIp,
				"consoleUserAgent", truncate(consoleUserAgent, 256), "requestedAt", now.toString(), "expiresAt",
				String.valueOf(expiresAt.toEpochMilli()));
		return redis.opsForHash()
			.putAll(key, fields)
			.then(redis.expire(key, KEEP))
			.thenReturn(new Ticket(ticket, secret, expiresAt));
	}

	/** Whether the ticket exists (pending or further), for rendering its QR code. */
	public Mono<Boolean> exists(String ticket) {
		return redis.hasKey(key(ticket));
	}

	/** The mini-program user scanned the code: tell it where the console is. */
	public Mono<ConsoleInfo> scan(CurrentUser user, String ticket) {
		return run(SCAN, ticket, user.id().toString(), QrLoginEvents.CHANNEL).flatMap(result -> switch (result) {
			case "SCANNED" -> redis.<String, String>opsForHash()
				.multiGet(key(ticket), List.of("consoleIp", "consoleUserAgent", "requestedAt"))
				.map(values -> new ConsoleInfo(values.get(0), values.get(1), Instant.parse(values.get(2))));
			default -> Mono.error(refusal(result));
		});
	}

	public Mono<Void> confirm(CurrentUser user, String ticket) {
		if (CONSOLE_ROLES.stream().noneMatch(user::has)) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only guides, managers and officials sign in to the console."));
		}
		return decide(user, ticket, "CONFIRMED");
	}

	public Mono<Void> cancel(CurrentUser user, String ticket) {
		return decide(user, ticket, "CANCELLED");
	}

	/** Polling: the state, and once, when confirmed, the console's tokens. */
	public Mono<Poll> poll(String ticket, String secret) {
		if (secret == null || secret.isBlank()) {
			return Mono.error(() -> new ApiException.NotFound("Ticket"));
		}
		return run(REDEEM, ticket, sha256(secret)).flatMap(result -> {
			if (result.startsWith("CONSUMED:")) {
				UUID userId = UUID.fromString(result.substring("CONSUMED:".length()));
				return auth.consoleSignIn(userId).map(tokens -> new Poll("CONFIRMED", tokens));
			}
			if (result.equals("UNKNOWN")) {
				return Mono.error(new ApiException.NotFound("Ticket"));
			}
			return Mono.just(new Poll(result, null));
		});
	}

	/**
	 * The console's event stream: the state now, then each change, ending after a final
	 * one. Subscribes to the channel before reading the state, so no change falls in
	 * between.
	 */
	public Flux<Poll> events(String ticket, String secret) {
		return poll(ticket, secret).flatMapMany(first -> {
			if (isFinal(first.state())) {
				return Flux.just(first);
			}
			Flux<Poll> changes = events.whileWaiting(key(ticket),
					states -> Flux.concat(poll(ticket, secret),
							states.concatMap(state -> state.equals("CONFIRMED") ? poll(ticket, secret)
									// Each change as it happened, even if a later one
									// already
									// followed.
									: Mono.just(new Poll(state, null)))));
			Flux<Poll> expiry = redis.<String, String>opsForHash()
				.get(key(ticket), "expiresAt")
				.map(millis -> Duration.between(clock.instant(), Instant.ofEpochMilli(Long.parseLong(millis))))
				.flatMap(left -> Mono.delay(left.isNegative() ? Duration.ZERO : left.plusMillis(50)))
				.then(poll(ticket, secret))
				.flux();
			return Flux.concat(Flux.just(first), Flux.merge(changes, expiry))
				.distinctUntilChanged(Poll::state)
				.takeUntil(poll -> isFinal(poll.state()));
		});
	}

	private Mono<Void> decide(CurrentUser user, String ticket, String target) {
		return run(DECIDE, ticket, user.id().toString(), target, QrLoginEvents.CHANNEL)
			.flatMap(result -> result.equals(target) ? Mono.<Void>empty() : Mono.error(refusal(result)));
	}

	private Mono<String> run(RedisScript<String> script, String ticket, String... args) {
		List<String> argv = new java.util.ArrayList<>();
		argv.add(String.valueOf(clock.millis()));
		argv.addAll(List.of(args));
		return redis.execute(script, List.of(key(ticket)), argv).next();
	}

	private static ApiException refusal(String result) {
		return switch (result) {
			case "UNKNOWN" -> new ApiException.NotFound("Ticket");
			case "EXPIRED" -> new ApiException(HttpStatus.GONE, "ticket_expired", "The QR code has expired.");
			case "NOT_SCANNER" -> new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only the user who scanned this code can confirm or cancel it.");
			default -> new ApiException.Conflict("ticket_taken", "This QR code was already used.");
		};
	}

	static boolean isFinal(String state) {
		return state.equals("CONFIRMED") || state.equals("CONSUMED") || state.equals("CANCELLED")
				|| state.equals("EXPIRED");
	}

	private static String key(String ticket) {
		return "qrlogin:" + ticket;
	}

	private static String truncate(String value, int max) {
		return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Ticket(String ticket, String secret, Instant expiresAt) {
	}

	public record ConsoleInfo(String consoleIp, String consoleUserAgent, Instant requestedAt) {
	}

	/** A state, with the token pair when this poll redeemed the ticket. */
	public record Poll(String state, AuthService.SignedIn tokens) {
	}

}
