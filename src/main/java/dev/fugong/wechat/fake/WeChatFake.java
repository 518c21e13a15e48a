package dev.fugong.wechat.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.validation.PlainText;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A faithful fake of the WeChat server API calls this service makes, for the local
 * profile and the tests (never prod: no internet here, and WeChat cannot be reached from
 * these machines).
 *
 * <p>
 * As the real API: errors are HTTP 200 with {@code errcode}/{@code errmsg}, a success has
 * no {@code errcode}; login and phone codes are single use and valid 5 minutes (40029
 * unknown or expired, 40163 reused); {@code countryCode} is the string "86"; a forced new
 * access token leaves the old one valid for a 5-minute overlap; one-time subscriptions
 * are used up per user and template (43101). Control endpoints under
 * {@code /__fake/wechat} mint codes, grant subscriptions, queue errors and show sent
 * messages (API.md, "Local profile").
 */
@RestController
@Profile("local")
@RequestMapping(path = "/__fake/wechat", produces = MediaType.APPLICATION_JSON_VALUE)
class WeChatFake {

	static final Duration CODE_TTL = Duration.ofMinutes(5);

	static final Duration TOKEN_TTL = Duration.ofSeconds(7200);

	static final Duration TOKEN_OVERLAP = Duration.ofMinutes(5);

	private final Clock clock;

	private final FugongProperties.Wechat app;

	private final Map<String, Code> loginCodes = new ConcurrentHashMap<>();

	private final Map<String, Code> phoneCodes = new ConcurrentHashMap<>();

	private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();

	private volatile String currentToken;

	private final Map<String, AtomicInteger> subscriptions = new ConcurrentHashMap<>();

	private final List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();

	/**
	 * While set, subscribe messages wait for it to complete before they are answered.
	 */
	private final AtomicReference<Sinks.Empty<Void>> held = new AtomicReference<>();

	private final AtomicInteger waiting = new AtomicInteger();

	/** Every session_key handed out, so tests can prove none of them leaks. */
	private final List<String> issuedSessionKeys = new CopyOnWriteArrayList<>();

	/** Errors to answer instead, per call name, in order; for tests of error handling. */
	private final Map<String, List<Integer>> queuedErrors = new ConcurrentHashMap<>();

	WeChatFake(Clock clock, FugongProperties properties) {
		this.clock = clock;
		this.app = properties.wechat();
	}

	// Control endpoints.

	// Typed and validated: scripts and people call these by hand, and a body they get
	// wrong is a 400 naming the field, not a 500 from a cast.

	@PostMapping("/login-codes")
	Map<String, String> mintLoginCode(@Valid @RequestBody LoginCodeRequest body) {
		String code = newValue();
		loginCodes.put(code, new Code(body.openid(), clock.instant().plus(CODE_TTL)));
		return Map.of("code", code);
	}

	/** Any number WeChat could vouch for, foreign ones too. */
	@PostMapping("/phone-codes")
	Map<String, String> mintPhoneCode(@Valid @RequestBody PhoneCodeRequest body) {
		String code = newValue();
		phoneCodes.put(code, new Code(body.phone(), clock.instant().plus(CODE_TTL)));
		return Map.of("code", code);
	}

	/**
	 * {@code {openid, templateId, count}}: the user accepted {@code count} (default 1)
	 * one-time messages.
	 */
	@PostMapping("/subscriptions")
	Map<String, Object> subscribe(@Valid @RequestBody SubscriptionRequest body) {
		subscriptions.computeIfAbsent(body.openid() + "|" + body.templateId(), key -> new AtomicInteger())
			.addAndGet(body.count() == null ? 1 : body.count());
		return Map.of("ok", true);
	}

	/**
	 * {@code {call, errcode}}: the next {@code call} ("jscode2session", "stable_token",
	 * "getuserphonenumber", "subscribe/send") answers this error.
	 */
	@PostMapping("/errors")
	Map<String, Object> queueError(@Valid @RequestBody ErrorRequest body) {
		queuedErrors.computeIfAbsent(body.call(), key -> new CopyOnWriteArrayList<>()).add(body.errcode());
		return Map.of("ok", true);
	}

	/**
	 * {@code {held}}: with true, subscribe messages wait, unanswered and unsent, as when
	 * WeChat is slow, until a call with false lets them all through. A test then knows
	 * the messages are under way and not yet sent for as long as it needs, not for a set
	 * time.
	 */
	@PostMapping("/hold")
	Map<String, Object> hold(@Valid @RequestBody HoldRequest body) {
		if (body.held()) {
			held.compareAndSet(null, Sinks.empty());
		}
		else {
			Sinks.Empty<Void> released = held.getAndSet(null);
			if (released != null) {
				released.tryEmitEmpty();
			}
		}
		return Map.of("ok", true);
	}

	/** {@code {held, waiting}}: whether messages are held, and how many wait now. */
	@GetMapping("/hold")
	Map<String, Object> holding() {
		return Map.of("held", held.get() != null, "waiting", waiting.get());
	}

	@GetMapping("/session-keys")
	List<String> sessionKeys() {
		return List.copyOf(issuedSessionKeys);
	}

	@GetMapping("/messages")
	List<Map<String, Object>> messages(@RequestParam String openid) {
		return sent.stream().filter(message -> openid.equals(message.get("touser"))).toList();
	}

	// The WeChat API itself, under /__fake/wechat/api.

	@GetMapping("/api/sns/jscode2session")
	Map<String, Object> code2Session(@RequestParam String appid, @RequestParam String secret,
			@RequestParam("js_code") String jsCode, @RequestParam("grant_type") String grantType) {
		if (!app.appId().equals(appid) || !app.appSecret().equals(secret)) {
			return error(40013, "invalid appid");
		}
		Integer queued = nextError("jscode2session");
		if (queued != null) {
			return error(queued, "queued error");
		}
		return spend(loginCodes, jsCode, openid -> {
			Map<String, Object> session = new LinkedHashMap<>();
			session.put("openid", openid);
			String sessionKey = newValue();
			issuedSessionKeys.add(sessionKey);
			session.put("session_key", sessionKey);
			return session;
		});
	}

	@PostMapping("/api/cgi-bin/stable_token")
	Map<String, Object> stableToken(@RequestBody Map<String, Object> body) {
		if (!app.appId().equals(body.get("appid")) || !app.appSecret().equals(body.get("secret"))) {
			return error(40013, "invalid appid");
		}
		Integer queued = nextError("stable_token");
		if (queued != null) {
			return error(queued, "queued error");
		}
		Instant now = clock.instant();
		String current = currentToken;
		if (current == null || Boolean.TRUE.equals(body.get("force_refresh"))
				|| !accessTokens.getOrDefault(current, Instant.MIN).isAfter(now)) {
			if (current != null && accessTokens.containsKey(current)) {
				// The old token keeps working for a short overlap, as WeChat's does.
				accessTokens.computeIfPresent(current,
						(token, expiry) -> expiry.isBefore(now.plus(TOKEN_OVERLAP)) ? expiry : now.plus(TOKEN_OVERLAP));
			}
			current = newValue();
			accessTokens.put(current, now.plus(TOKEN_TTL));
			currentToken = current;
		}
		long expiresIn = Duration.between(now, accessTokens.get(current)).toSeconds();
		return Map.of("access_token", current, "expires_in", expiresIn);
	}

	@PostMapping("/api/wxa/business/getuserphonenumber")
	Map<String, Object> phoneNumber(@RequestParam("access_token") String accessToken,
			@RequestBody Map<String, String> body) {
		Map<String, Object> tokenError = checkToken(accessToken);
		if (tokenError != null) {
			return tokenError;
		}
		Integer queued = nextError("getuserphonenumber");
		if (queued != null) {
			return error(queued, "queued error");
		}
		return spend(phoneCodes, body.get("code"), phone -> {
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("phoneNumber", "+86" + phone);
			info.put("purePhoneNumber", phone);
			info.put("countryCode", "86");
			info.put("watermark", Map.of("appid", app.appId(), "timestamp", clock.instant().getEpochSecond()));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("errcode", 0);
			answer.put("errmsg", "ok");
			answer.put("phone_info", info);
			return answer;
		});
	}

	@PostMapping("/api/cgi-bin/message/subscribe/send")
	Mono<Map<String, Object>> send(@RequestParam("access_token") String accessToken,
			@RequestBody Map<String, Object> body) {
		Sinks.Empty<Void> hold = held.get();
		if (hold == null) {
			return Mono.fromSupplier(() -> sendNow(accessToken, body));
		}
		waiting.incrementAndGet();
		return hold.asMono()
			.doFinally(signal -> waiting.decrementAndGet())
			.then(Mono.fromSupplier(() -> sendNow(accessToken, body)));
	}

	private Map<String, Object> sendNow(String accessToken, Map<String, Object> body) {
		Map<String, Object> tokenError = checkToken(accessToken);
		if (tokenError != null) {
			return tokenError;
		}
		Integer queued = nextError("subscribe/send");
		if (queued != null) {
			return error(queued, "queued error");
		}
		if (!(body.get("touser") instanceof String touser) || !(body.get("template_id") instanceof String template)
				|| !(body.get("data") instanceof Map<?, ?> data)) {
			return error(47003, "argument invalid! touser, template_id and data are required");
		}
		String invalid = invalidField(data);
		if (invalid != null) {
			return error(47003, "argument invalid! data." + invalid + ".value invalid");
		}
		AtomicInteger left = subscriptions.get(touser + "|" + template);
		if (left == null || left.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
			return error(43101, "user refuse to accept the msg");
		}
		Map<String, Object> record = new LinkedHashMap<>(body);
		record.put("sentAt", clock.instant().toString());
		sent.add(record);
		return Map.of("errcode", 0, "errmsg", "ok");
	}

	/**
	 * The first field whose value breaks WeChat's rule for its type, or null: thing at
	 * most 20 characters, phrase at most 5 and no digits or symbols, time a date and/or
	 * time, character_string at most 32 letters, digits and symbols, number at most 32
	 * digits.
	 */
	private static String invalidField(Map<?, ?> data) {
		for (Map.Entry<?, ?> field : data.entrySet()) {
			String key = String.valueOf(field.getKey());
			if (!(field.getValue() instanceof Map<?, ?> holder) || !(holder.get("value") instanceof String value)
					|| value.isEmpty()) {
				return key;
			}
			int length = value.codePointCount(0, value.length());
			boolean valid = switch (key.replaceAll("[0-9]+$", "")) {
				case "thing" -> length <= 20;
				case "phrase" -> length <= 5 && value.codePoints().allMatch(Character::isLetter);
				case "time", "date" -> value.matches("[0-9]{4}[-年/][0-9]{1,2}[-月/][0-9]{1,2}日?( [0-9]{1,2}:[0-9]{2})?")
						|| value.matches("[0-9]{1,2}:[0-9]{2}");
				case "character_string" -> length <= 32 && value.matches("[\\x21-\\x7e]+");
				case "number" -> length <= 32 && value.matches("[0-9.]+");
				default -> false;
			};
			if (!valid) {
				return key;
			}
		}
		return null;
	}

	private Map<String, Object> checkToken(String accessToken) {
		Instant expiry = accessTokens.get(accessToken);
		if (expiry == null) {
			return error(40001, "invalid credential, access_token is invalid or not latest");
		}
		if (!expiry.isAfter(clock.instant())) {
			return error(42001, "access_token expired");
		}
		return null;
	}

	private Map<String, Object> spend(Map<String, Code> codes, String code,
			java.util.function.Function<String, Map<String, Object>> success) {
		Code found = code == null ? null : codes.get(code);
		if (found == null || !found.expiresAt().isAfter(clock.instant())) {
			return error(40029, "invalid code");
		}
		synchronized (found) {
			if (found.used) {
				return error(40163, "code been used");
			}
			found.used = true;
		}
		return success.apply(found.subject());
	}

	private Integer nextError(String call) {
		List<Integer> queue = queuedErrors.getOrDefault(call, new ArrayList<>());
		return queue.isEmpty() ? null : queue.remove(0);
	}

	private String newValue() {
		// A fake's codes need to be unique, not unguessable.
		byte[] bytes = new byte[16];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static Map<String, Object> error(int errcode, String errmsg) {
		return Map.of("errcode", errcode, "errmsg", errmsg);
	}

	record LoginCodeRequest(@NotBlank @Size(max = 128) @PlainText String openid) {
	}

	record PhoneCodeRequest(@NotBlank @Size(max = 32) @PlainText String phone) {
	}

	record SubscriptionRequest(@NotBlank @Size(max = 128) @PlainText String openid,
			@NotBlank @Size(max = 128) @PlainText String templateId, @Min(1) @Max(1_000) Integer count) {
	}

	record ErrorRequest(@NotBlank @Size(max = 64) @PlainText String call, @NotNull Integer errcode) {
	}

	record HoldRequest(@NotNull Boolean held) {
	}

	private static final class Code {

		private final String subject;

		private final Instant expiresAt;

		private boolean used;

		Code(String subject, Instant expiresAt) {
			this.subject = subject;
			this.expiresAt = expiresAt;
		}

		String subject() {
			return subject;
		}

		Instant expiresAt() {
			return expiresAt;
		}

	}

}
