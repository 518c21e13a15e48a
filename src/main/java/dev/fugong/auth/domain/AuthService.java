package dev.fugong.auth.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.config.FugongProperties;
import dev.fugong.person.PersonService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.RateLimiter;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenRevocations;
import dev.fugong.shared.security.TokenService;
import dev.fugong.wechat.AccessTokenProvider;
import dev.fugong.wechat.WeChatClient;
import dev.fugong.wechat.WeChatException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in with WeChat, token refresh and logout, and phone binding. The WeChat session
 * key is never kept, returned or logged: the openid is all this service needs from
 * code2Session.
 */
@Service
public class AuthService {

	private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

	private static final List<Role> CONSOLE_ROLES = List.of(Role.GUIDE, Role.ENTERPRISE_MANAGER, Role.OFFICIAL,
			Role.DISTRICT_ADMIN);

	private final WeChatClient wechat;

	private final AccessTokenProvider wechatTokens;

	private final UserDirectory users;

	private final RefreshTokens refreshTokens;

	private final TokenService tokens;

	private final TokenRevocations revocations;

	private final RateLimiter rateLimiter;

	private final PersonService persons;

	private final AuditService audit;

	private final DatabaseClient database;

	private final FugongProperties.Security settings;

	private final Clock clock;

	AuthService(WeChatClient wechat, AccessTokenProvider wechatTokens, UserDirectory users, RefreshTokens refreshTokens,
			TokenService tokens, TokenRevocations revocations, RateLimiter rateLimiter, PersonService persons,
			AuditService audit, DatabaseClient database, FugongProperties properties, Clock clock) {
		this.wechat = wechat;
		this.wechatTokens = wechatTokens;
		this.users = users;
		this.refreshTokens = refreshTokens;
		this.tokens = tokens;
		this.revocations = revocations;
		this.rateLimiter = rateLimiter;
		this.persons = persons;
		this.audit = audit;
		this.database = database;
		this.settings = properties.security();
		this.clock = clock;
	}

	/**
	 * Mini-program sign-in: a {@code wx.login} code for a token pair; new users become
	 * EMPLOYEE. Limited per client address (generously), per address for codes WeChat
	 * refuses, and per WeChat user.
	 */
	public Mono<SignedIn> login(String code, String clientAddress) {
		FugongProperties.Logins limits = settings.logins();
		String failures = "login:failed:" + clientAddress;
		return rateLimiter.acquire("login:ip:" + clientAddress, limits.perAddress(), RATE_WINDOW)
			.then(rateLimiter.requireBelow(failures, limits.failuresPerAddress()))
			.then(wechat.code2Session(code))
			.onErrorResume(WeChatException.class, refused -> {
				Mono<Void> counted = refused.error().isBadCode() ? rateLimiter.count(failures, RATE_WINDOW)
						: Mono.empty();
				return counted.then(Mono.error(toProblem(refused)));
			})
			.flatMap(session -> rateLimiter.acquire("login:openid:" + session.openid(), limits.perUser(), RATE_WINDOW)
				.then(findOrCreate(session.openid())))
			.flatMap(user -> signIn(user, Audience.MINI_PROGRAM, Ids.newId()));
	}

	/**
	 * Console tokens for a user who confirmed a console QR sign-in; only users with a
	 * console role get them.
	 */
	public Mono<SignedIn> consoleSignIn(UUID userId) {
		return users.findById(userId)
			.filter(user -> user.roles().stream().anyMatch(CONSOLE_ROLES::contains))
			.switchIfEmpty(Mono.error(() -> new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only guides, managers and officials sign in to the console.")))
			.flatMap(user -> signIn(user, Audience.CONSOLE, Ids.newId()));
	}

	/**
	 * A new pair for an unspent refresh token; a spent one replayed revokes its whole
	 * family.
	 */
	public Mono<SignedIn> refresh(String refreshToken) {
		return refreshTokens.spend(refreshToken).flatMap(spent -> switch (spent.outcome()) {
			case SPENT -> users.findById(spent.userId())
				.switchIfEmpty(Mono.error(AuthService::invalidRefresh))
				.flatMap(user -> signIn(user, spent.audience(), spent.familyId()));
			case REPLAYED -> revocations.revokeFamily(spent.familyId())
				.then(audit.record(new AuditEntry(spent.userId(), "REFRESH_TOKEN_REPLAYED", "user",
						spent.userId().toString(), null, Map.of("familyId", spent.familyId().toString()))))
				.then(Mono.error(AuthService::invalidRefresh));
			case UNKNOWN -> Mono.error(AuthService::invalidRefresh);
		});
	}

	/** This access token and every token of its sign-in stop working. */
	public Mono<Void> logout(CurrentUser user) {
		Mono<Void> family = user.familyId() == null ? Mono.empty()
				: refreshTokens.revokeFamily(user.familyId()).then(revocations.revokeFamily(user.familyId()));
		return revocations.revokeToken(user.tokenId(), user.expiresAt()).then(family);
	}

	/** Binds the phone WeChat vouches for to the signed-in user; returns it masked. */
	@Transactional
	public Mono<String> bindPhone(CurrentUser user, String code) {
		return wechatTokens.withToken(token -> wechat.phoneNumber(token, code))
			.onErrorMap(WeChatException.class, AuthService::toProblem)
			.flatMap(phone -> persons.findOrRegister(phone.purePhoneNumber(), null, null, employer(user)))
			.flatMap(person -> database.sql("UPDATE app_user SET person_id = :person WHERE id = :user")
				.bind("person", person.id())
				.bind("user", user.id())
				.then()
				.then(audit.record(AuditEntry.of(user.id(), "PHONE_BOUND", "person", person.id())))
				.thenReturn(person.maskedPhone()));
	}

	/** The signed-in user as {@code GET /me} shows it. */
	public Mono<Me> me(CurrentUser user) {
		return users.findById(user.id())
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("User")))
			.flatMap(found -> found.personId() == null ? Mono.just(new Me(user, null))
					: persons.findById(found.personId()).map(person -> new Me(user, person.maskedPhone())));
	}

	private Mono<SignedIn> signIn(UserDirectory.UserGrants user, Audience audience, UUID familyId) {
		TokenService.IssuedToken access = tokens.issue(user.userId(), user.grants(), user.grantsVersion(), audience,
				familyId);
		return refreshTokens.issue(user.userId(), familyId, audience, settings.refreshTokenTtl())
			.map(refresh -> new SignedIn(access.value(), refresh,
					Duration.between(clock.instant(), access.expiresAt()).toSeconds(), user));
	}

	private Mono<UserDirectory.UserGrants> findOrCreate(String openid) {
		return users.findByOpenid(openid)
			.switchIfEmpty(Mono.defer(() -> users.createEmployee(openid)))
			.filter(user -> !user.roles().isEmpty())
			.switchIfEmpty(Mono.error(() -> new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"This account has no role. Ask your enterprise or district to grant one.")));
	}

	/** The enterprise the user works at, where exactly one EMPLOYEE grant names one. */
	private static UUID employer(CurrentUser user) {
		var employers = user.enterprisesAs(Role.EMPLOYEE);
		return employers.size() == 1 ? employers.iterator().next() : null;
	}

	private static ApiException invalidRefresh() {
		return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCode.INVALID_TOKEN,
				"The refresh token is invalid, expired or already used. Sign in again.");
	}

	/** WeChat's answer as the problem the client gets. */
	static ApiException toProblem(WeChatException ex) {
		return switch (ex.error()) {
			case INVALID_CODE -> new ApiException(HttpStatus.BAD_REQUEST, "wechat_code_invalid",
					"The WeChat code is invalid or expired. Get a new one and try again.");
			case CODE_USED -> new ApiException(HttpStatus.BAD_REQUEST, "wechat_code_used",
					"The WeChat code was already used. Get a new one and try again.");
			case RISKY_USER -> new ApiException(HttpStatus.FORBIDDEN, "wechat_risky_user",
					"WeChat refused this account for security reasons.");
			case RATE_LIMITED -> {
				ApiException problem = new ApiException(HttpStatus.TOO_MANY_REQUESTS, ProblemCode.RATE_LIMITED,
						"WeChat is rate limiting sign-ins. Try again in a minute.");
				problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "60");
				yield problem;
			}
			default -> {
				ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
						ProblemCode.DEPENDENCY_UNAVAILABLE, "WeChat is unavailable. Try again shortly.");
				problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
				yield problem;
			}
		};
	}

	/** A signed-in user's token pair. */
	public record SignedIn(String accessToken, String refreshToken, long expiresIn, UserDirectory.UserGrants user) {
	}

	/** What the signed-in user may see of itself. */
	public record Me(CurrentUser user, String phoneMasked) {
	}

}
