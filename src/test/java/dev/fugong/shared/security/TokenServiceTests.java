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
import dev.fugong.support.MutableClock;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token checks every protected endpoint relies on, one attack at a time. */
class TokenServiceTests {

	static final String SECRET = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	final TokenService tokens = service(Clock.fixed(NOW, ZoneOffset.UTC));

	final UUID user = UUID.fromString("00000000-0000-7000-8000-000000000302");

	final UUID zone = UUID.fromString("00000000-0000-7000-8000-000000000002");

	@Test
	void aTokenItIssuedVerifiesWithEachGrantForItsOwnObject() {
		UUID otherZone = UUID.randomUUID();
		UUID enterprise = UUID.randomUUID();
		UUID otherEnterprise = UUID.randomUUID();
		String token = tokens.issue(user,
				List.of(new Grant(Role.OFFICIAL, zone), new Grant(Role.OFFICIAL, otherZone),
						new Grant(Role.ENTERPRISE_MANAGER, enterprise), new Grant(Role.GATE_STAFF, otherEnterprise)),
				7, Audience.CONSOLE, null)
			.value();

		CurrentUser verified = tokens.verify(token);

		assertThat(verified.id()).isEqualTo(user);
		assertThat(verified.roles()).containsExactlyInAnyOrder(Role.OFFICIAL, Role.ENTERPRISE_MANAGER, Role.GATE_STAFF);
		assertThat(verified.officialZones()).containsExactlyInAnyOrder(zone, otherZone);
		assertThat(verified.holdsFor(enterprise, Role.ENTERPRISE_MANAGER)).isTrue();
		assertThat(verified.holdsFor(otherEnterprise, Role.ENTERPRISE_MANAGER)).isFalse();
		assertThat(verified.holdsFor(otherEnterprise, Role.GATE_STAFF)).isTrue();
		assertThat(verified.enterprisesAs(Role.ENTERPRISE_MANAGER)).containsExactly(enterprise);
		assertThat(verified.grantsVersion()).isEqualTo(7);
		assertThat(verified.audience()).isEqualTo(Audience.CONSOLE);
	}

	@Test
	void theMostGrantsAllowedStillFitATokenAndOneMoreIsRefusedAtIssue() {
		List<Grant> most = new java.util.ArrayList<>();
		for (int i = 0; i < 32; i++) {
			most.add(new Grant(Role.ENTERPRISE_MANAGER, UUID.randomUUID()));
		}
		String token = tokens.issue(user, most, 0, Audience.CONSOLE, UUID.randomUUID()).value();
		assertThat(token.length()).isLessThanOrEqualTo(4096);
		assertThat(tokens.verify(token).grants()).hasSize(32);

		most.add(new Grant(Role.GUIDE, UUID.randomUUID()));
		assertThatThrownBy(() -> tokens.issue(user, most, 0, Audience.CONSOLE, null))
			.isInstanceOf(TokenService.TooManyGrantsException.class);
	}

	@Test
	void malformedGrantsAreRefused() {
		for (Object grants : List.of(List.of(), List.of("OFFICIAL:not-a-uuid"), List.of("ENTERPRISE_MANAGER"),
				List.of(42), "OFFICIAL")) {
			Map<String, Object> claims = new java.util.HashMap<>(claims());
			claims.put("grants", grants);
			assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
					"0123456789abcdef0123456789abcdef"));
		}
	}

	@Test
	void aTokenWithoutItsGrantsVersionIsRefused() {
		Map<String, Object> claims = new java.util.HashMap<>(claims());
		claims.remove("gv");
		assertRefused(tokens, sign(Jwts.builder().header().keyId("k1").type("at+jwt").and().claims(claims),
				"0123456789abcdef0123456789abcdef"));
	}

	@Test
	void expiredIsRefused() {
		String token = tokens.issue(user, List.of(new Grant(Role.OFFICIAL, zone)), 0, Audience.CONSOLE, null).value();
		TokenService later = service(Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));

		assertRefused(later, token);
	}

	@Test
	void aTokenVerifiedBeforeIsRefusedOnceItExpires() {
		MutableClock clock = new MutableClock(NOW);
		TokenService service = service(clock);
		String token = service.issue(user, List.of(new Grant(Role.OFFICIAL, zone)), 0, Audience.CONSOLE, null).value();
		assertThat(service.verify(token).id()).isEqualTo(user);

		clock.advance(Duration.ofMinutes(11));

		assertRefused(service, token);
	}

	@Test
	void aTokenVerifiedBeforeWithItsSignatureAlteredIsRefused() {
		String token = tokens.issue(user, List.of(new Grant(Role.OFFICIAL, zone)), 0, Audience.CONSOLE, null).value();
		assertThat(tokens.verify(token).id()).isEqualTo(user);
		char last = token.charAt(token.length() - 2);

		assertRefused(tokens,
				token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1));
	}

	@Test
	void notBeforeInTheFutureIsRefused() {
		String token = tokens.issue(user, List.of(new Grant(Role.OFFICIAL, zone)), 0, Audience.CONSOLE, null).value();
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
		String token = tokens.issue(user, List.of(new Grant(Role.OFFICIAL, zone)), 0, Audience.CONSOLE, null).value();
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
		claims.put("grants", List.of("SUPERUSER:" + zone));
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
				NOW.getEpochSecond(), "exp", NOW.plusSeconds(600).getEpochSecond(), "jti", "t-1", "grants",
				List.of("OFFICIAL:" + zone), "gv", 0);
	}

	private String validPayload() {
		return "{\"iss\":\"https://fugong.test\",\"sub\":\"" + user + "\",\"aud\":\"fugong-console\",\"exp\":"
				+ NOW.plusSeconds(600).getEpochSecond() + ",\"jti\":\"t-1\",\"grants\":[\"OFFICIAL:" + zone
				+ "\"],\"gv\":0}";
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
				4096, 32, new FugongProperties.Logins(1200, 60, 20));
		return new TokenService(new FugongProperties(security, new FugongProperties.Crypto("unused", "unused"),
				new FugongProperties.Http(DataSize.ofKilobytes(256), true, List.of()), null, null, null, null, null),
				clock);
	}

	static Date date(Instant instant) {
		return Date.from(instant);
	}

}
