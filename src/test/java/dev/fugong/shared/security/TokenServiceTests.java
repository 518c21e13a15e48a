package dev.fugong.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import dev.fugong.config.FugongProperties;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token checks every protected endpoint relies on, one attack at a time. */
class TokenServiceTests {

	static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	final TokenService tokens = service(Clock.fixed(NOW, ZoneOffset.UTC));

	final UUID user = UUID.fromString("00000000-0000-7000-8000-000000000302");

	@Test
	void aTokenItIssuedVerifiesWithItsScope() {
		UUID zone = UUID.randomUUID();
		String token = tokens.issue(user, List.of(Role.OFFICIAL), null, zone, Audience.CONSOLE).value();

		CurrentUser verified = tokens.verify(token);

		assertThat(verified.id()).isEqualTo(user);
		assertThat(verified.roles()).containsExactly(Role.OFFICIAL);
		assertThat(verified.zoneId()).isEqualTo(zone);
		assertThat(verified.enterpriseId()).isNull();
		assertThat(verified.audience()).isEqualTo(Audience.CONSOLE);
	}

	@Test
	void expiredIsRefused() {
		String token = tokens.issue(user, List.of(Role.OFFICIAL), null, null, Audience.CONSOLE).value();
		TokenService later = service(Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));

		assertRefused(later, token);
	}

	@Test
	void notBeforeInTheFutureIsRefused() {
		String token = tokens.issue(user, List.of(Role.OFFICIAL), null, null, Audience.CONSOLE).value();
		TokenService earlier = service(Clock.fixed(NOW.minus(Duration.ofMinutes(5)), ZoneOffset.UTC));

		assertRefused(earlier, token);
	}

	@Test
	void algNoneIsRefused() {
		String header = b64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}");
		assertRefused(tokens, header + "." + b64(validPayload()) + ".");
	}

	@Test
	void hmacSignedTokenClaimingRsaIsRefused() throws Exception {
		String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}") + "." + b64(validPayload());
		assertRefused(tokens, signingInput + "." + hmac(signingInput));
	}

	@Test
	void rsaSignedTokenIsRefused() throws Exception {
		var rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		String token = Jwts.builder()
			.header()
			.keyId("k1")
			.type("at+jwt")
			.and()
			.claims(claims())
			.signWith(rsa.generateKeyPair().getPrivate(), Jwts.SIG.RS256)
			.compact();
		assertRefused(tokens, token);
	}

	@Test
	void wrongKeyIsRefused() {
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims()),
				"ffffffffffffffffffffffffffffffff"));
	}

	@Test
	void unknownKeyIdIsRefused() {
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k9").type("at+jwt").and().claims(claims()),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void missingExpIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.remove("exp");
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void wrongIssuerIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.put("iss", "https://evil.example");
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void unknownAudienceIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.put("aud", "someone-else");
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void wrongTypIsRefused() {
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("JWT").and().claims(claims()),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void externalKeyHeadersAreRefused() throws Exception {
		for (String header : List.of("\"jku\":\"https://evil.example/jwks\"", "\"x5u\":\"https://evil.example/cert\"",
				"\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}")) {
			String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"," + header + "}") + "."
					+ b64(validPayload());
			assertRefused(tokens, signingInput + "." + hmac(signingInput));
		}
	}

	@Test
	void truncatedSignatureIsRefused() {
		String token = tokens.issue(user, List.of(Role.OFFICIAL), null, null, Audience.CONSOLE).value();
		assertRefused(tokens, token.substring(0, token.length() - 3));
	}

	@Test
	void oversizedTokenIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.put("padding", "x".repeat(5000));
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void unknownRoleIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.put("roles", List.of("SUPERUSER"));
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void theSameClaimsSignedProperlyAreAccepted() {
		// Guards the tests above: their forged tokens differ from a good one only in what
		// each names.
		String token = sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims()),
				"0123456789abcdef0123456789abcdef");
		assertThat(tokens.verify(token).id()).isEqualTo(user);
	}

	private void assertRefused(TokenService service, String token) {
		assertThatThrownBy(() -> service.verify(token)).isInstanceOf(InvalidTokenException.class);
	}

	private Map<String, Object> claims() {
		return Map.of("iss", "https://fugong.test", "sub", user.toString(), "aud", "fugong-console", "iat",
				NOW.getEpochSecond(), "exp", NOW.plusSeconds(600).getEpochSecond(), "jti", "t-1", "roles",
				List.of("OFFICIAL"));
	}

	private String validPayload() {
		return "{\"iss\":\"https://fugong.test\",\"sub\":\"" + user + "\",\"aud\":\"fugong-console\",\"exp\":"
				+ NOW.plusSeconds(600).getEpochSecond() + ",\"jti\":\"t-1\",\"roles\":[\"OFFICIAL\"]}";
	}

	private static String sign(io.jsonwebtoken.JwtBuilder builder, String secret) {
		return builder.signWith(Keys.hmacShaKeyFor(secret.getBytes()), Jwts.SIG.HS256).compact();
	}

	private static String hmac(String signingInput) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET), "HmacSHA256"));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	static TokenService service(Clock clock) {
		var security = new FugongProperties.Security("https://fugong.test",
				List.of(new FugongProperties.SigningKey("k1", SECRET)), Duration.ofMinutes(10), Duration.ofDays(14),
				4096, 20);
		return new TokenService(new FugongProperties(security, new FugongProperties.Crypto("unused", "unused"),
				new FugongProperties.Http(DataSize.ofKilobytes(256)), null, null, null, null), clock);
	}

	static Date date(Instant instant) {
		return Date.from(instant);
	}

}
