package dev.fugong.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.config.FugongProperties;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Forged and misused tokens against protected endpoints of the running service, signed
 * where it matters with the service's own key: each is a 401, and the control token is
 * accepted.
 */
@IntegrationTest
class TokenAttacksIT {

	@Autowired
	WebTestClient web;

	@Autowired
	FugongProperties properties;

	@Autowired
	TokenService tokens;

	static Stream<Arguments> attacks() {
		return Stream.of(Arguments.of("alg none", "none"), Arguments.of("HS256 token claiming RS256", "rs-confusion"),
				Arguments.of("RS256 with an unknown key", "rsa"), Arguments.of("wrong HMAC key", "wrong-key"),
				Arguments.of("expired", "expired"), Arguments.of("nbf in the future", "nbf"),
				Arguments.of("no exp", "no-exp"), Arguments.of("wrong iss", "iss"), Arguments.of("unknown aud", "aud"),
				Arguments.of("typ JWT", "typ"), Arguments.of("jku header", "jku"), Arguments.of("x5u header", "x5u"),
				Arguments.of("jwk header", "jwk"), Arguments.of("truncated signature", "truncated"),
				Arguments.of("oversized", "oversized"),
				Arguments.of("console token on a mini-program endpoint", "console-on-mp"),
				Arguments.of("mini-program token on a console endpoint", "mp-on-console"),
				Arguments.of("control: a valid console token", "valid"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("attacks")
	void eachForgedTokenIsRefused(String name, String attack) throws Exception {
		String path = switch (attack) {
			case "console-on-mp" -> "/api/v1/auth/wechat/phone";
			default -> "/api/v1/enterprises";
		};
		var request = path.endsWith("phone") ? web.post().uri(path).bodyValue(Map.of("code", "x"))
				: web.get().uri(path);
		var response = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(attack)).exchange();
		if (attack.equals("valid")) {
			response.expectStatus().isOk();
		}
		else {
			response.expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("invalid_token");
		}
	}

	private String token(String attack) throws Exception {
		String kid = properties.security().signingKeys().get(0).id();
		byte[] secret = Base64.getDecoder().decode(properties.security().signingKeys().get(0).secret());
		Map<String, Object> claims = new HashMap<>(Map.of("iss", properties.security().issuer(), "sub",
				Demo.ADMIN_USER.toString(), "aud", "fugong-console", "iat", now(), "exp", now() + 600, "jti",
				"attack-" + attack, "grants", List.of("DISTRICT_ADMIN:" + Demo.DISTRICT), "gv", 0));
		Map<String, Object> header = new HashMap<>(Map.of("alg", "HS256", "typ", "at+jwt", "kid", kid));
		switch (attack) {
			case "valid" -> {
				return sign(header, claims, secret);
			}
			case "none" -> {
				header.put("alg", "none");
				return b64(json(header)) + "." + b64(json(claims)) + ".";
			}
			case "rs-confusion" -> header.put("alg", "RS256");
			case "rsa" -> {
				var rsa = KeyPairGenerator.getInstance("RSA");
				rsa.initialize(2048);
				return Jwts.builder()
					.header()
					.keyId(kid)
					.type("at+jwt")
					.and()
					.claims(claims)
					.signWith(rsa.generateKeyPair().getPrivate(), Jwts.SIG.RS256)
					.compact();
			}
			case "wrong-key" -> secret = "an entirely different 256-bit key!".getBytes(StandardCharsets.US_ASCII);
			case "expired" -> claims.put("exp", now() - 120);
			case "nbf" -> claims.put("nbf", now() + 3600);
			case "no-exp" -> claims.remove("exp");
			case "iss" -> claims.put("iss", "https://evil.example");
			case "aud" -> claims.put("aud", "someone-else");
			case "typ" -> header.put("typ", "JWT");
			case "jku" -> header.put("jku", "https://evil.example/jwks.json");
			case "x5u" -> header.put("x5u", "https://evil.example/cert.pem");
			case "jwk" -> header.put("jwk", Map.of("kty", "oct", "k", b64("attacker key")));
			case "truncated" -> {
				String valid = sign(header, claims, secret);
				return valid.substring(0, valid.length() - 4);
			}
			// Over the 4 KiB token limit, under the 8 KiB header limit of the HTTP
			// server.
			case "oversized" -> claims.put("padding", "x".repeat(3500));
			case "console-on-mp" -> {
				return tokens
					.issue(Demo.EMPLOYEE_USER, List.of(new Grant(Role.EMPLOYEE, null)), 0, Audience.CONSOLE, null)
					.value();
			}
			case "mp-on-console" -> {
				return tokens
					.issue(Demo.ADMIN_USER, List.of(new Grant(Role.DISTRICT_ADMIN, Demo.DISTRICT)), 0,
							Audience.MINI_PROGRAM, null)
					.value();
			}
			default -> throw new IllegalArgumentException(attack);
		}
		return sign(header, claims, secret);
	}

	/** Signs by hand, so headers the library would refuse to write can be sent. */
	private static String sign(Map<String, Object> header, Map<String, Object> claims, byte[] secret) throws Exception {
		String input = b64(json(header)) + "." + b64(json(claims));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.length >= 32 ? secret : Keys.hmacShaKeyFor(secret).getEncoded(),
				"HmacSHA256"));
		return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes()));
	}

	private static String json(Map<String, Object> map) {
		return new tools.jackson.databind.json.JsonMapper().writeValueAsString(map);
	}

	private static String b64(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static long now() {
		return Instant.now().getEpochSecond();
	}

}
