package dev.fugong.enterprise;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each write endpoint, fed bad input: a 400 problem naming the field, and not one row
 * changed (enterprises, places and the audit trail are compared before and after).
 */
@IntegrationTest
class MalformedInputIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	/** 天友乳业's gate, which requires the dynamic code. */
	static final String TIANYOU_GATE = "00000000-0000-7000-8000-000000000204";

	@BeforeEach
	void setUp() {
		tokens = new TestTokens(tokenService);
	}

	static Stream<Arguments> badEnterprises() {
		return Stream.of(bad("uscc", "91500227MA5U7XK00X"), bad("uscc", "91500227MA5U7XK0"),
				bad("uscc", "9150022IMA5U7XK00Y"), bad("uscc", 12345), bad("name", ""), bad("name", "   "),
				bad("name", "名".repeat(201)), bad("industry", "MINING"), bad("industry", null), bad("batch", 0),
				bad("batch", 4), bad("batch", "two"), bad("headcount", 0), bad("headcount", -5),
				bad("headcount", 1_000_001), bad("headcount", 1.5), bad("zoneId", "not-a-uuid"), bad("zoneId", null),
				bad("address", ""),
				// A zone id that is a well-formed UUID but names no zone.
				bad("zoneId", "00000000-0000-7000-8000-0000000000ff"),
				// PostgreSQL refuses NUL in text: this was a 500. Other control
				// characters
				// and broken UTF-16 are no text either.
				bad("name", "a\u0000b"), bad("address", "a\u0000b"), bad("name", "a\u0007b"), bad("address", "1号\n2号"),
				bad("name", "a\ud800b"), bad("uscc", "91500227MA5U7XK00\u0000"),
				// Values of the wrong JSON type are not converted (issue 19): a number is
				// no
				// name, a string no number.
				bad("name", 12345), bad("headcount", "120"), bad("batch", "2"), bad("address", true),
				bad("industry", 0));
	}

	static Stream<Arguments> badPatches() {
		return Stream.of(bad("uscc", "91500227MA5U7XK00X"), bad("name", ""), bad("name", "  "), bad("batch", 9),
				bad("headcount", 0), bad("industry", "MINING"), bad("zoneId", "zone-1"),
				bad("zoneId", "00000000-0000-7000-8000-0000000000ff"), bad("address", "a\u0000b"),
				bad("name", "a\u0000b"), bad("address", "a\u001bb"), bad("name", "\udc00"));
	}

	static Stream<Arguments> badPlaces() {
		return Stream.of(bad("name", ""), bad("name", "门".repeat(101)), bad("kind", "DOOR"), bad("kind", null),
				bad("name", null), bad("name", "a\u0000b"), bad("name", "东\u007f门"), bad("name", "a\u0085b"),
				// "kind":0 was GATE and 4 SHOP; {"name":-0} made a place called "-0".
				bad("kind", 0), bad("kind", 4), bad("kind", "0"), bad("name", -0.0), bad("name", 7),
				bad("requiresDynamicCode", 1), bad("requiresDynamicCode", "true"));
	}

	static Stream<Arguments> badPlacePatches() {
		return Stream.of(bad("name", ""), bad("name", "门".repeat(101)), bad("name", "a\u0000b"), bad("name", "a\tb"),
				bad("name", "\ud83d"), bad("requiresDynamicCode", "yes"), bad("requiresDynamicCode", 0),
				bad("requiresDynamicCode", "false"), bad("name", false));
	}

	@ParameterizedTest(name = "POST /enterprises with {0} = {1}")
	@MethodSource("badEnterprises")
	void createEnterprise(String field, Object value) {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(Demo.PARK));
		body.put(field, value);
		expectRefused(HttpMethod.POST, "/api/v1/enterprises", body, field);
	}

	@ParameterizedTest(name = "PATCH /enterprises/id with {0} = {1}")
	@MethodSource("badPatches")
	void patchEnterprise(String field, Object value) {
		Map<String, Object> body = new HashMap<>();
		body.put(field, value);
		expectRefused(HttpMethod.PATCH, "/api/v1/enterprises/" + Demo.TIANYOU, body, field);
	}

	@ParameterizedTest(name = "POST /enterprises/id/places with {0} = {1}")
	@MethodSource("badPlaces")
	void createPlace(String field, Object value) {
		Map<String, Object> body = new HashMap<>(Map.of("name", "北门", "kind", "GATE"));
		body.put(field, value);
		expectRefused(HttpMethod.POST, "/api/v1/enterprises/" + Demo.TIANYOU + "/places", body, field);
	}

	@ParameterizedTest(name = "PATCH /places/id with {0} = {1}")
	@MethodSource("badPlacePatches")
	void patchPlace(String field, Object value) {
		Map<String, Object> body = new HashMap<>();
		body.put(field, value);
		expectRefused(HttpMethod.PATCH, "/api/v1/places/" + TIANYOU_GATE, body, field);
	}

	/** A NUL in the name filter reached PostgreSQL's LIKE: a 500. */
	@Test
	void aControlCharacterInTheListFilterIsA400NamingIt() {
		web.get()
			.uri(uri -> uri.path("/api/v1/enterprises").queryParam("name", "{name}").build("瑞\u0000润"))
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
	}

	/**
	 * An overlong UTF-8 encoding ({@code C0 AF}, a disguised "/") and other malformed
	 * sequences were decoded and stored: a 400 now, and nothing written.
	 */
	@ParameterizedTest(name = "a place named with bytes {0}")
	@ValueSource(strings = { "C0AF", "E080AF", "ED A0 80", "FF", "C3" })
	void malformedUtf8IsRefused(String hex) {
		byte[] bad = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		body.writeBytes("{\"kind\":\"GATE\",\"name\":\"东".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		body.writeBytes(bad);
		body.writeBytes("门\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		String before = snapshot();
		web.post()
			.uri("/api/v1/enterprises/" + Demo.TIANYOU + "/places")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.toByteArray())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(snapshot()).isEqualTo(before);
	}

	private void expectRefused(HttpMethod method, String path, Map<String, Object> body, String field) {
		String before = snapshot();
		Map<String, Object> problem = web.method(method)
			.uri(path)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("code", "validation_failed");
		assertThat(
				((java.util.List<?>) problem.get("errors")).stream().map(e -> ((Map<String, Object>) e).get("field")))
			.contains(field);
		assertThat(snapshot()).isEqualTo(before);
	}

	/** Row counts and the newest change time of every table a write could touch. */
	private String snapshot() {
		return database.sql("""
				SELECT (SELECT count(*) FROM enterprise) || '/' || (SELECT max(updated_at) FROM enterprise)
				    || '/' || (SELECT sum(version) FROM enterprise)
				    || '/' || (SELECT count(*) FROM place)
				    || '/' || (SELECT count(*) FROM audit_event WHERE occurred_at > now() - interval '1 day')
				    || '/' || (SELECT md5(string_agg(name || requires_dynamic_code, ',' ORDER BY id)) FROM place)
				""").map(row -> row.get(0, String.class)).one().block();
	}

	private static Arguments bad(String field, Object value) {
		return Arguments.of(field, value);
	}

}
