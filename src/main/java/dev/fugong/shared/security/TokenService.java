package dev.fugong.shared.security;

import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.ProtectedHeader;
import io.jsonwebtoken.jackson.io.JacksonDeserializer;
import io.jsonwebtoken.jackson.io.JacksonSerializer;
import io.jsonwebtoken.security.Keys;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies the service's access tokens: JWS with HMAC-SHA256 only (the
 * algorithm is fixed; {@code none}, RSA or any other {@code alg} is refused before a key
 * is chosen), a {@code kid} naming one of the configured keys, {@code typ} {@code at+jwt}
 * (RFC 9068), and {@code iss}, {@code aud}, {@code exp} always required. Headers that
 * point at keys elsewhere ({@code jku}, {@code x5u}, {@code jwk}, {@code x5c}) make a
 * token invalid. See docs/adr/0002-token-format.md.
 */
@Component
public class TokenService {

	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private static final String ALGORITHM = "HS256";

	/** Every grant of the user, each {@code ROLE} or {@code ROLE:id} (see ADR 0006). */
	static final String GRANTS = "grants";

	/** The version of the user's grants the token was issued with. */
	static final String GRANTS_VERSION = "gv";

	private static final long CLOCK_SKEW_SECONDS = 30;

	/**
	 * Named explicitly: left to jjwt, it finds its JSON library through a ServiceLoader
	 * scan of the class path on the first token, on an event-loop thread (found by
	 * BlockHound).
	 */
	private static final JacksonSerializer<Map<String, ?>> SERIALIZER = new JacksonSerializer<>();

	private final FugongProperties.Security settings;

	private final Clock clock;

	private final Map<String, SecretKey> keys = new LinkedHashMap<>();

	private final String signingKeyId;

	private final JwtParser parser;

	/**
	 * Tokens that passed every check, by their exact text, until they expire: a console
	 * or a gate sends the same token with each request for its lifetime, and parsing it
	 * and checking its signature again was 6 % of a dashboard request's CPU. A changed
	 * character is another key, so it is verified in full; a hit past its expiry (by the
	 * service's clock) is verified again, and refused. Revocation is checked on every
	 * request after this (SecurityConfig). Bounded: a city's morning of distinct gate
	 * users only evicts, it cannot grow the heap.
	 */
	private final Cache<String, CurrentUser> verified;

	static final int VERIFIED_TOKENS = 10_000;

	public TokenService(FugongProperties properties, Clock clock) {
		this.settings = properties.security();
		this.clock = clock;
		for (FugongProperties.SigningKey key : settings.signingKeys()) {
			byte[] secret = Base64.getDecoder().decode(key.secret());
			if (secret.length < 32) {
				throw new IllegalStateException("Signing key " + key.id() + " is shorter than 256 bits");
			}
			keys.put(key.id(), Keys.hmacShaKeyFor(secret));
		}
		this.signingKeyId = settings.signingKeys().get(0).id();
		this.parser = Jwts.parser().keyLocator(new LocatorAdapter<Key>() {
			@Override
			protected Key locate(ProtectedHeader header) {
				return keyFor(header);
			}
		})
			.requireIssuer(settings.issuer())
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(CLOCK_SKEW_SECONDS)
			.build();
		this.verified = Caffeine.newBuilder()
			.maximumSize(VERIFIED_TOKENS)
			.expireAfterWrite(settings.accessTokenTtl().plusSeconds(CLOCK_SKEW_SECONDS))
			.build();
	}

	/**
	 * A signed access token for this user's grants and audience, in the sign-in
	 * {@code familyId} (null: outside any sign-in).
	 * @param grantsVersion the version of the user's grants read with them; a later
	 * revocation names the first version still valid
	 * @throws TooManyGrantsException past {@code fugong.security.max-grants-per-token}
	 */
	public IssuedToken issue(UUID userId, Collection<Grant> grants, long grantsVersion, Audience audience,
			UUID familyId) {
		if (grants.isEmpty()) {
			throw new IllegalArgumentException("a token needs at least one grant");
		}
		if (grants.size() > settings.maxGrantsPerToken()) {
			throw new TooManyGrantsException(grants.size(), settings.maxGrantsPerToken());
		}
		Instant now = clock.instant();
		Instant expiresAt = now.plus(settings.accessTokenTtl());
		String tokenId = Ids.newId().toString();
		List<String> compact = grants.stream().map(Grant::compact).sorted().toList();
		var builder = Jwts.builder()
			.json(SERIALIZER)
			.header()
			.keyId(signingKeyId)
			.type(ACCESS_TOKEN_TYPE)
			.and()
			.issuer(settings.issuer())
			.subject(userId.toString())
			.audience()
			.add(audience.value())
			.and()
			.issuedAt(Date.from(now))
			.notBefore(Date.from(now))
			.expiration(Date.from(expiresAt))
			.id(tokenId)
			.claim(GRANTS, compact)
			.claim(GRANTS_VERSION, grantsVersion);
		if (familyId != null) {
			builder.claim("fam", familyId.toString());
		}
		String token = builder.signWith(keys.get(signingKeyId), Jwts.SIG.HS256).compact();
		return new IssuedToken(token, tokenId, expiresAt);
	}

	/** The user a token stands for, or {@link InvalidTokenException} saying why not. */
	public CurrentUser verify(String token) {
		if (token == null || token.isEmpty() || token.length() > settings.maxTokenLength()) {
			throw new InvalidTokenException("token missing or too long");
		}
		CurrentUser known = verified.getIfPresent(token);
		if (known != null && !clock.instant().isAfter(known.expiresAt().plusSeconds(CLOCK_SKEW_SECONDS))) {
			return known;
		}
		CurrentUser user = parse(token);
		verified.put(token, user);
		return user;
	}

	private CurrentUser parse(String token) {
		Jws<Claims> jws;
		try {
			jws = parser.parseSignedClaims(token);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidTokenException("token rejected: " + ex.getClass().getSimpleName());
		}
		if (!ACCESS_TOKEN_TYPE.equals(jws.getHeader().getType())) {
			throw new InvalidTokenException("not an access token");
		}
		Claims claims = jws.getPayload();
		if (claims.getExpiration() == null || claims.getId() == null || claims.getSubject() == null) {
			throw new InvalidTokenException("required claim missing");
		}
		Set<String> audiences = claims.getAudience();
		if (audiences == null || audiences.size() != 1) {
			throw new InvalidTokenException("exactly one audience required");
		}
		Audience audience = Audience.fromValue(audiences.iterator().next())
			.orElseThrow(() -> new InvalidTokenException("unknown audience"));
		try {
			return new CurrentUser(UUID.fromString(claims.getSubject()), grants(claims), audience, claims.getId(),
					uuid(claims.get("fam")), claims.getExpiration().toInstant(), grantsVersion(claims));
		}
		catch (IllegalArgumentException | ClassCastException ex) {
			throw new InvalidTokenException("malformed claims");
		}
	}

	private Key keyFor(ProtectedHeader header) {
		if (!ALGORITHM.equals(header.getAlgorithm())) {
			throw new InvalidTokenException("algorithm not allowed");
		}
		if (header.getJwkSetUrl() != null || header.getX509Url() != null || header.getJwk() != null
				|| header.getX509Chain() != null || header.get("jku") != null || header.get("x5u") != null) {
			throw new InvalidTokenException("external key references are not allowed");
		}
		SecretKey key = header.getKeyId() == null ? null : keys.get(header.getKeyId());
		if (key == null) {
			throw new InvalidTokenException("unknown key id");
		}
		return key;
	}

	private static Set<Grant> grants(Claims claims) {
		Object value = claims.get(GRANTS);
		if (!(value instanceof List<?> compact) || compact.isEmpty()) {
			throw new InvalidTokenException("grants missing");
		}
		Set<Grant> grants = new HashSet<>();
		for (Object grant : compact) {
			grants.add(Grant.parse((String) grant));
		}
		return grants;
	}

	private static long grantsVersion(Claims claims) {
		if (!(claims.get(GRANTS_VERSION) instanceof Number version)) {
			throw new InvalidTokenException("grants version missing");
		}
		return version.longValue();
	}

	private static UUID uuid(Object value) {
		return value == null ? null : UUID.fromString((String) value);
	}

	/**
	 * A user holds more grants than one token may carry: it should be given a wider one
	 * (an official of the zone above, say) instead.
	 */
	public static class TooManyGrantsException extends ApiException {

		TooManyGrantsException(int held, int allowed) {
			super(HttpStatus.CONFLICT, "too_many_grants", "This account holds " + held
					+ " roles; a sign-in carries at most " + allowed + ". Ask the district to merge them.");
		}

	}

	/** A token with what its holder needs to know about it. */
	public record IssuedToken(String value, String tokenId, Instant expiresAt) {
	}

}
