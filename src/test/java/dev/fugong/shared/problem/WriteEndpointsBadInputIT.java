package dev.fugong.shared.problem;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write endpoint (POST, PUT, PATCH, DELETE) fed a generated corpus of bad input,
 * with a valid token of a role allowed to call it: wrong JSON types, control characters
 * and unpaired surrogates, overlong strings, huge and negative numbers, empty objects,
 * arrays for objects, malformed and non-UTF-8 JSON, wrong media types, ids that are not
 * UUIDs or name nothing, phone numbers that are not mainland mobiles (an ID number among
 * them: no request takes an ID number yet), malformed preconditions. None may answer 5xx;
 * every 4xx is an {@code application/problem+json} with a {@code code}; a refused request
 * changes nothing in the database; a control character in any field of the API is a 400
 * naming that field.
 * <p>
 * The corpus is deterministic (no random seed to chase).
 * {@link #everyWriteEndpointIsCovered} fails when an endpoint is added to a controller
 * without being added here.
 */
@IntegrationTest
class WriteEndpointsBadInputIT {

	private static final Set<RequestMethod> WRITES = EnumSet.of(RequestMethod.POST, RequestMethod.PUT,
			RequestMethod.PATCH, RequestMethod.DELETE);

	/** A place of 瑞润电子: outside the scope of the test's own enterprise's manager. */
	private static final UUID DEMO_GATE = UUID.fromString("00000000-0000-7000-8000-000000000201");

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	@Autowired
	CodeFormat codes;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Snapshots snapshots = new Snapshots();

	/** Sends what a WebClient would refuse to (a malformed Content-Type, for one). */
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void everyWriteEndpointIsCovered() {
		Set<String> served = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (RequestMethod requestMethod : methods.isEmpty() ? WRITES : methods) {
				if (WRITES.contains(requestMethod)) {
					info.getPatternsCondition()
						.getPatterns()
						.forEach(pattern -> served.add(requestMethod + " " + pattern.getPatternString()));
				}
			}
		});
		Set<String> covered = new TreeSet<>();
		endpoints(null).forEach(endpoint -> covered.add(endpoint.key()));
		assertThat(covered).as("write endpoints in this corpus vs those the controllers serve").isEqualTo(served);
	}

	@Test
	void noBadInputGetsA5xxAndNoRefusedRequestChangesAnything() {
		Fixture fixture = new Fixture();
		List<String> failures = new ArrayList<>();
		int sent = 0;
		long started = System.nanoTime();
		for (Endpoint endpoint : endpoints(fixture)) {
			for (Case bad : cases(endpoint)) {
				sent++;
				String failure = run(bad);
				if (failure != null) {
					failures.add(bad.label() + ": " + failure);
				}
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(sent).as("requests sent").isGreaterThan(700);
		assertThat(failures).as("%d bad requests in %d ms", sent, millis).isEmpty();
	}

	// The endpoints, each with a token of a role allowed to call it and a valid request
	// that the corpus spoils one part at a time.

	private List<Endpoint> endpoints(Fixture f) {
		boolean real = f != null;
		List<Endpoint> all = new ArrayList<>();
		// Enterprises and places.
		all.add(new Endpoint("POST", "/api/v1/enterprises", real ? f.official : null, Map::of,
				real ? () -> new LinkedHashMap<>(Fixtures.enterprise(Demo.PARK)) : null, Depth.API));
		all.add(new Endpoint("PATCH", "/api/v1/enterprises/{id}", real ? f.official : null,
				() -> Map.of("id", f.enterprise), () -> body("name", "新名称", "uscc", f.uscc, "industry", "MANUFACTURING",
						"batch", 2, "zoneId", Demo.PARK, "address", "新地址 2 号", "headcount", 130),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/places", real ? f.manager : null,
				() -> Map.of("id", f.enterprise),
				() -> body("name", "北门", "kind", "GATE", "requiresDynamicCode", false), Depth.API));
		all.add(new Endpoint("PATCH", "/api/v1/places/{id}", real ? f.manager : null, () -> Map.of("id", f.place),
				() -> body("name", "南门", "requiresDynamicCode", false), Depth.API));
		all.add(new Endpoint("DELETE", "/api/v1/places/{id}", real ? f.manager : null, () -> Map.of("id", f.newPlace()),
				null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/places/{id}/qrcode/rotate", real ? f.manager : null,
				() -> Map.of("id", f.rotatedPlace), null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/pass-cards", real ? f.manager : null,
				() -> Map.of("id", f.enterprise), () -> body("phone", Requests.phone("135"), "name", "李四"), Depth.API));
		all.add(new Endpoint("DELETE", "/api/v1/pass-cards/{id}", real ? f.manager : null,
				() -> Map.of("id", f.newPassCard()), null, Depth.API));
		// Codes and scan-ins, on the mini-program.
		all.add(new Endpoint("POST", "/api/v1/codes/resolve", real ? f.employee : null, Map::of,
				() -> body("code", codes.place(f.place, 1)), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/scans", real ? f.employee : null, Map::of,
				() -> body("code", codes.place(f.place, 1), "temperature", 36.6, "clientScanId", f.clientScanId()),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/places/{id}/scans", real ? f.gateStaff : null,
				() -> Map.of("id", f.place),
				() -> body("passCode", codes.card(f.passCard), "temperature", 36.6, "clientScanId", f.clientScanId()),
				Depth.API));
		// Returnees and health (issue 11). The staff-sheet upload is multipart: here it
		// gets the JSON corpus (a 415), ReturneeIT its bad uploads.
		all.add(new Endpoint("POST", "/api/v1/returnees", real ? f.manager : null, Map::of,
				() -> body("phone", f.returneePhone, "name", "王五", "idNumber", null, "enterpriseId", f.enterprise,
						"originRegion", "440300", "departedAt", f.departedAt, "arrivedAt", f.arrivedAt, "transport",
						"TRAIN", "travel", List.of(Map.of("region", "440300", "from", f.departedAt, "to", f.arrivedAt)),
						"contactWithCase", false),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/returnees/{id}/tests", real ? f.manager : null,
				() -> Map.of("id", f.returnee), () -> body("takenAt", f.arrivedAt, "result", "NEGATIVE"), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/health-reports", real ? f.employee : null, Map::of,
				() -> body("temperature", 36.5, "symptoms", List.of()), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/staff-imports", real ? f.manager : null,
				() -> Map.of("id", f.enterprise), null, Depth.API));
		// A county no other test sets a level for: the level it is set to is LOW.
		all.add(new Endpoint("PUT", "/api/v1/regions/{code}/risk", real ? f.admin : null,
				() -> Map.of("code", "654324"), () -> body("level", "LOW", "from", "2020-01-01T00:00:00Z", "to", null),
				Depth.API));
		// Identity.
		all.add(new Endpoint("POST", "/api/v1/auth/wechat/login", () -> null, Map::of, () -> body("code", "x"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/auth/token/refresh", () -> null, Map::of, () -> body("refreshToken", "x"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/auth/logout", real ? f::throwawayToken : null, Map::of, null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/auth/wechat/phone", real ? f.employee : null, Map::of,
				() -> body("code", "x"), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/auth/qr-login", () -> null, Map::of, null, Depth.API));
		for (String step : List.of("scan", "confirm", "cancel")) {
			all.add(new Endpoint("POST", "/api/v1/auth/qr-login/{ticket}/" + step, real ? f.managerOnMiniProgram : null,
					() -> Map.of("ticket", f.ticket), null, Depth.API));
		}
		all.add(new Endpoint("POST", "/api/v1/role-grants", real ? f.admin : null, Map::of,
				() -> body("userId", f.grantee, "role", "GATE_STAFF", "enterpriseId", f.enterprise, "zoneId", null),
				Depth.API));
		all.add(new Endpoint("DELETE", "/api/v1/role-grants/{id}", real ? f.admin : null,
				() -> Map.of("id", UUID.randomUUID()), null, Depth.API));
		// Oversight: applications, filings, inspections, plates, complaints.
		all.add(new Endpoint("POST", "/api/v1/enterprise-applications", real ? f.applicant : null, Map::of,
				() -> new LinkedHashMap<>(Fixtures.enterprise(Demo.PARK)), Depth.API));
		for (String decision : List.of("accept", "refuse")) {
			all.add(new Endpoint("POST", "/api/v1/enterprise-applications/{id}/" + decision, real ? f.official : null,
					() -> Map.of("id", f.application), () -> body("reason", "材料不全，请补充"), Depth.API));
		}
		all.add(new Endpoint("POST", "/api/v1/enterprise-applications/{id}/withdraw", real ? f.applicant : null,
				() -> Map.of("id", f.application), null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/filings", real ? f.manager : null,
				() -> Map.of("id", f.enterprise), () -> new LinkedHashMap<>(OversightFixture.filing()), Depth.API));
		for (String step : List.of("review", "inspect", "approve", "return")) {
			all.add(new Endpoint("POST", "/api/v1/filings/{id}/" + step, real ? f.official : null,
					() -> Map.of("id", f.filing), () -> body("note", "已核对"), Depth.API));
		}
		// Multipart uploads: the corpus's JSON bodies are all the wrong media type here.
		all.add(new Endpoint("POST", "/api/v1/filings/{id}/files", real ? f.manager : null,
				() -> Map.of("id", f.filing), null, Depth.API));
		all.add(new Endpoint("PUT", "/api/v1/filing-mode", real ? f.admin : null, Map::of,
				() -> body("mode", "APPROVAL", "reason", "维持审批制"), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/inspections", real ? f.official : null, Map::of,
				() -> body("enterpriseId", f.enterprise, "kind", "ROUTINE", "items",
						OversightFixture.checklist(Set.of()), "summary", "检查合格"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/inspections/{id}/items/{item}/photo", real ? f.official : null,
				() -> Map.of("id", f.inspection, "item", "SUPPLIES"), null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/inspection-plans", real ? f.official : null, Map::of,
				() -> body("zoneId", Demo.PARK, "fraction", 0.34, "seed", "fuzz"), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/plate", real ? f.official : null,
				() -> Map.of("id", f.enterprise), () -> body("color", "RED", "reason", "拒不整改"), Depth.API));
		for (String decision : List.of("confirm", "reject")) {
			all.add(new Endpoint("POST", "/api/v1/plate-changes/{changeId}/" + decision, real ? f.official : null,
					() -> Map.of("changeId", f.plateChange), () -> body("note", "同意"), Depth.API));
		}
		all.add(new Endpoint("POST", "/api/v1/complaints", () -> null, Map::of, () -> body("enterpriseId", f.enterprise,
				"category", "MASKS", "text", "车间有人未戴口罩", "contact", Requests.phone("139")), Depth.API));
		all.add(new Endpoint("PATCH", "/api/v1/complaints/{id}", real ? f.official : null,
				() -> Map.of("id", f.complaint), () -> body("status", "VERIFIED", "reason", "属实"), Depth.API));
		// Shops and the daily ledger (issue 20).
		all.add(new Endpoint("PUT", "/api/v1/negative-list", real ? f.admin : null, Map::of,
				() -> body("items", List.of(body("industry", "HOSPITALITY", "shopKind", "火锅", "from", "2020-02-01",
						"to", null, "reason", "人员密集、就餐时间长，负面清单内暂不复业"))),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/enterprises/{id}/disinfections", real ? f.manager : null,
				() -> Map.of("id", f.enterprise), () -> body("kind", "DISINFECTION", "area", "车间", "by", "张三"),
				Depth.API));
		// Guides, reports and problems (issue 13).
		all.add(new Endpoint("POST", "/api/v1/guide-assignments", real ? f.official : null, Map::of,
				() -> body("guideUserId", f.guideUser, "enterpriseId", f.enterprise, "department", "PARK"), Depth.API));
		all.add(new Endpoint("DELETE", "/api/v1/guide-assignments/{id}", real ? f.official : null,
				() -> Map.of("id", f.newAssignment()), null, Depth.API));
		all.add(new Endpoint("POST", "/api/v1/guide-reports", real ? f.guide : null, Map::of,
				() -> body("enterpriseId", f.enterprise, "date", null, "returned", 12, "planned", 20, "local", 10,
						"outOfTown", 2, "inObservation", 1, "notes", "返岗有序"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/problems", real ? f.guide : null, Map::of,
				() -> body("enterpriseId", f.enterprise, "category", "SUPPLIES", "description", "口罩储备不足"), Depth.API));
		all.add(new Endpoint("PATCH", "/api/v1/problems/{id}", real ? f.official : null, () -> Map.of("id", f.problem),
				() -> body("status", "RESOLVED", "answer", "已协调调拨", "note", "已办结"), Depth.API));
		// Trajectories and contact screening (issue 12).
		all.add(new Endpoint("POST", "/api/v1/trajectory-queries", real ? f.tracer : null, Map::of,
				() -> body("phone", "13800138000", "days", 14, "purpose", "CASE_INVESTIGATION", "note", "病例 1"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/contact-screenings", real ? f.tracer : null, Map::of,
				() -> body("phone", "13800138000", "enterpriseId", null, "days", 14, "windowMinutes", 30, "purpose",
						"CASE_INVESTIGATION", "note", "病例 1"),
				Depth.API));
		// Warning the contacts of a case: no body; a screening of the tracer's own that
		// does not exist is the valid-looking request (404), bad ids are the corpus.
		all.add(new Endpoint("POST", "/api/v1/contact-screenings/{id}/warnings", real ? f.tracer : null,
				() -> Map.of("id", UUID.randomUUID()), null, Depth.API));
		// Residential communities and their checkpoints (issue 20).
		all.add(new Endpoint("POST", "/api/v1/zones/{zoneId}/communities", real ? f.official : null,
				() -> Map.of("zoneId", Demo.PARK_GRID), () -> body("name", "测试小区", "address", "高新区创新大道 9 号"),
				Depth.API));
		all.add(new Endpoint("POST", "/api/v1/communities/{id}/places", real ? f.official : null,
				() -> Map.of("id", Demo.LIANGSHAN), () -> body("name", "西门卡点", "kind", "CHECKPOINT"), Depth.API));
		all.add(new Endpoint("POST", "/api/v1/stats/reconciliations", real ? f.admin : null, Map::of, null, Depth.API));
		// The local profile's helpers: a demo token, and the WeChat fake's controls.
		all.add(new Endpoint("POST", "/__dev/tokens", () -> null, Map::of,
				() -> body("openid", "demo-employee", "audience", "MINI_PROGRAM"), Depth.HELPER));
		all.add(new Endpoint("POST", "/__fake/wechat/login-codes", () -> null, Map::of,
				() -> body("openid", "wx-" + UUID.randomUUID()), Depth.HELPER));
		all.add(new Endpoint("POST", "/__fake/wechat/phone-codes", () -> null, Map::of,
				() -> body("phone", "13800138000"), Depth.HELPER));
		all.add(new Endpoint("POST", "/__fake/wechat/subscriptions", () -> null, Map::of,
				() -> body("openid", "wx-nobody", "templateId", "local-gate-alert", "count", 1), Depth.HELPER));
		all.add(new Endpoint("POST", "/__fake/wechat/errors", () -> null, Map::of,
				() -> body("call", "no-such-call", "errcode", 45009), Depth.HELPER));
		all.add(new Endpoint("POST", "/__fake/wechat/hold", () -> null, Map::of, () -> body("held", false),
				Depth.HELPER));
		// The fake's side of WeChat's own API: answers errors as WeChat does (HTTP 200
		// with errcode), so a field is not named in a 400 there.
		all.add(new Endpoint("POST", "/__fake/wechat/api/cgi-bin/stable_token", () -> null, Map::of,
				() -> body("grant_type", "client_credential", "appid", "wrong", "secret", "wrong"), Depth.WECHAT));
		all.add(new Endpoint("POST", "/__fake/wechat/api/wxa/business/getuserphonenumber", () -> null, Map::of,
				() -> body("code", "x"), Depth.WECHAT));
		all.add(new Endpoint("POST", "/__fake/wechat/api/cgi-bin/message/subscribe/send", () -> null, Map::of,
				() -> body("touser", "wx-nobody", "template_id", "t", "data", Map.of("thing1", Map.of("value", "x"))),
				Depth.WECHAT));
		return all;
	}

	// The corpus.

	private static final String LINE_BREAK = "line\nbreak";

	/**
	 * Strings no field may hold (a NUL, another C0 and a C1 control, an unpaired
	 * surrogate): each must be a 400 naming the field, but for a line break in a
	 * {@link #MULTILINE} field. The local profile's helpers get the first only.
	 */
	private static final List<String> CONTROL = List.of("a\u0000b", LINE_BREAK, "a\u0085b", "a\ud800b");

	/**
	 * Fields of several lines ({@code @PlainText(multiline = true)}: notes, reasons,
	 * plans, a complaint's text), where a line break is text like any other.
	 */
	private static final Set<String> MULTILINE = Set.of("reason", "note", "text", "summary", "preventionPlan",
			"emergencyPlan", "notes", "description", "answer");

	/**
	 * Values of the wrong kind or at the edges of the right one, for every field: any
	 * answer but a 5xx will do (a number where a string is expected is coerced, a null
	 * may be allowed), and a refusal must change nothing.
	 */
	private static final List<Object> ODD = List.of(nullValue(), "", "x".repeat(10_001), -1, 2_147_483_648L, 1.5,
			List.of("x"), Map.of("a", 1), new Raw("9".repeat(1_500)));

	/** Fewer, for the local profile's helpers. */
	private static final List<Object> FEW = List.of(nullValue(), Map.of("a", 1));

	/** Where a field holds a phone number: none of these is a mainland mobile. */
	private static final List<Object> PHONES = List.of("123", "1380013800", "138001380000", "12800138000",
			"+1 415 555 0100", "１３８００１３８０００", "11010519491231002X");

	/** Path values that are not ids, or name nothing the caller may reach. */
	private static List<Object> badIds(String variable) {
		List<Object> ids = new ArrayList<>(List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
				UUID.randomUUID(), " ", "x".repeat(1_000), "票"));
		if (!variable.equals("ticket")) {
			ids.add(Demo.SUPERMARKET);
			ids.add(DEMO_GATE);
		}
		return ids;
	}

	private List<Case> cases(Endpoint endpoint) {
		List<Case> cases = new ArrayList<>();
		Map<String, Object> template = endpoint.body() == null ? null : endpoint.body().get();
		String name = endpoint.key();
		if (template != null) {
			for (String field : template.keySet()) {
				for (String control : endpoint.depth() == Depth.API ? CONTROL : CONTROL.subList(0, 1)) {
					boolean allowed = control.equals(LINE_BREAK) && MULTILINE.contains(field);
					cases.add(jsonCase(endpoint, name + " " + field + "=" + describe(control),
							with(endpoint, field, control),
							endpoint.depth() == Depth.WECHAT || allowed ? null : field));
				}
				for (Object value : endpoint.depth() == Depth.API ? ODD : FEW) {
					cases.add(jsonCase(endpoint, name + " " + field + "=" + describe(value),
							with(endpoint, field, value), null));
				}
				if (field.equals("phone")) {
					// The API takes mainland mobiles only; the fake, any number WeChat
					// could vouch for.
					for (Object phone : PHONES) {
						cases.add(jsonCase(endpoint, name + " " + field + "=" + describe(phone),
								with(endpoint, field, phone), endpoint.depth() == Depth.API ? field : null));
					}
				}
			}
			cases.add(jsonCase(endpoint, name + " trailing garbage", () -> write(endpoint.body().get()) + " }{", null));
			cases.add(jsonCase(endpoint, name + " control character in a key", () -> {
				String valid = write(endpoint.body().get());
				return "{\"a\\u0000b\":1," + valid.substring(1);
			}, null));
		}
		// Whole bodies that are not the object asked for; a few also where no body is
		// read, and for the local profile's helpers.
		boolean full = template != null && endpoint.depth() == Depth.API;
		List<String> bodies = full ? List.of("", "{", "null", "[{}]", "{}", "[".repeat(5_000) + "]".repeat(5_000))
				: List.of("{", "[{}]");
		for (String body : bodies) {
			cases.add(jsonCase(endpoint, name + " body " + describe(body), () -> body, null));
		}
		Supplier<byte[]> valid = () -> (template == null ? "{}" : write(endpoint.body().get()))
			.getBytes(StandardCharsets.UTF_8);
		cases.add(new Case(endpoint, name + " Content-Type x/y/z", "x/y/z", valid, Map.of(), null, null));
		if (full) {
			cases.add(new Case(endpoint, name + " body over the size limit", MediaType.APPLICATION_JSON_VALUE,
					() -> ("{\"a\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8), Map.of(),
					null, null));
			cases.add(new Case(endpoint, name + " invalid UTF-8", MediaType.APPLICATION_JSON_VALUE,
					() -> new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, '"', '}' },
					Map.of(), null, null));
			for (String contentType : List.of(MediaType.TEXT_PLAIN_VALUE, "application/json;charset=no-such-charset")) {
				cases.add(new Case(endpoint, name + " Content-Type " + contentType, contentType, valid, Map.of(), null,
						null));
			}
			cases.add(new Case(endpoint, name + " no Content-Type", null, valid, Map.of(), null, null));
		}
		// Odd query strings are ignored by write endpoints, never a failure.
		cases.add(new Case(endpoint, name + " odd query string", MediaType.APPLICATION_JSON_VALUE, valid, Map.of(),
				null, "page=-1&size=abc&days=9999999999&format=../../etc&x=%00"));
		// Path variables.
		for (String variable : variables(endpoint.pattern())) {
			for (Object id : badIds(variable)) {
				cases.add(new Case(endpoint, name + " " + variable + "=" + describe(id),
						MediaType.APPLICATION_JSON_VALUE, valid, Map.of(variable, id), null, null));
			}
		}
		// Preconditions.
		if (endpoint.pattern().equals("/api/v1/enterprises/{id}")) {
			for (String ifMatch : List.of("abc", "\"99999999999999999999\"", "W/\"-1\"", "*", "\"1\", \"2\"", "\"",
					"W/")) {
				cases.add(new Case(endpoint, name + " If-Match " + ifMatch, MediaType.APPLICATION_JSON_VALUE,
						() -> write(endpoint.body().get()).getBytes(StandardCharsets.UTF_8), Map.of(), ifMatch, null));
			}
		}
		return cases;
	}

	private Case jsonCase(Endpoint endpoint, String label, Supplier<String> body, String mustName) {
		return new Case(endpoint, label, MediaType.APPLICATION_JSON_VALUE,
				() -> body.get().getBytes(StandardCharsets.UTF_8), Map.of(), null, null, mustName);
	}

	private Supplier<String> with(Endpoint endpoint, String field, Object value) {
		return () -> {
			Map<String, Object> body = new LinkedHashMap<>(endpoint.body().get());
			body.put(field, value);
			return write(body);
		};
	}

	// Running one case.

	/** What is wrong with the answer to this case, or null. */
	private String run(Case bad) {
		// The valid path only where the case leaves a variable as it is (for a DELETE it
		// is a new record each time).
		Map<String, Object> path = new LinkedHashMap<>(
				bad.path().keySet().containsAll(variables(bad.endpoint().pattern())) ? Map.of()
						: bad.endpoint().path().get());
		path.putAll(bad.path());
		byte[] body = bad.body().get();
		String token = bad.endpoint().token().get();
		snapshots.ready();
		HttpResponse<byte[]> response;
		try {
			URI uri = UriComponentsBuilder.fromUriString("http://localhost:" + port + bad.endpoint().pattern())
				.query(bad.query())
				.buildAndExpand(path)
				.encode()
				.toUri();
			// Generous: a shared two-core machine under load answers slowly, and a
			// request that hangs is still caught.
			HttpRequest.Builder request = HttpRequest.newBuilder(uri)
				.timeout(Duration.ofSeconds(30))
				.method(bad.endpoint().method(), HttpRequest.BodyPublishers.ofByteArray(body));
			if (token != null) {
				request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			}
			if (bad.ifMatch() != null) {
				request.header(HttpHeaders.IF_MATCH, bad.ifMatch());
			}
			if (bad.contentType() != null) {
				request.header(HttpHeaders.CONTENT_TYPE, bad.contentType());
			}
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException | RuntimeException ex) {
			snapshots.stale();
			return "no answer: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
		int status = response.statusCode();
		String answer = new String(response.body(), StandardCharsets.UTF_8);
		if (status < 400 || status >= 500) {
			// Perhaps written: compare from a fresh snapshot next time.
			snapshots.stale();
		}
		if (status >= 500) {
			return status + " " + abbreviate(answer);
		}
		if (bad.mustName() != null && status != 400) {
			return "expected 400 naming " + bad.mustName() + ", got " + status + " " + abbreviate(answer);
		}
		if (status < 400) {
			return null;
		}
		String type = response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null);
		if (type == null || !MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
			return status + " with Content-Type " + type + ": " + abbreviate(answer);
		}
		Map<?, ?> problem;
		try {
			problem = json.readValue(answer, Map.class);
		}
		catch (RuntimeException ex) {
			return status + " body is not JSON: " + abbreviate(answer);
		}
		if (!(problem.get("code") instanceof String code) || code.isBlank()) {
			return status + " problem without a code: " + abbreviate(answer);
		}
		if (bad.mustName() != null && !namedFields(problem).contains(bad.mustName())) {
			return "400 does not name " + bad.mustName() + ": " + abbreviate(answer);
		}
		if (answer.contains("<script>") || answer.contains("jndi:") || answer.contains("' OR '")) {
			return "the problem echoes the input: " + abbreviate(answer);
		}
		String change = snapshots.change();
		return change == null ? null : status + " refused, yet the database changed: " + change;
	}

	private static List<Object> namedFields(Map<?, ?> problem) {
		if (!(problem.get("errors") instanceof List<?> errors)) {
			return List.of();
		}
		return errors.stream().<Object>map(error -> error instanceof Map<?, ?> map ? map.get("field") : null).toList();
	}

	/**
	 * What a refused request must leave as it was. PostgreSQL hands out a transaction id
	 * to every transaction that writes (even one rolled back), so while the next id is
	 * the same nothing was written and the last full snapshot still holds; only when it
	 * moved are the tables themselves compared.
	 */
	private final class Snapshots {

		private long nextXid = -1;

		private String tables;

		private boolean stale = true;

		/** Something may have been written (an accepted request, a new fixture). */
		void stale() {
			stale = true;
		}

		/** Brings the full snapshot up to date, if anything was written since. */
		void ready() {
			if (stale && (tables == null || nextXid() != nextXid)) {
				tables = tables();
				nextXid = nextXid();
			}
			stale = false;
		}

		/** What changed since {@link #ready}, or null. */
		String change() {
			if (nextXid() == nextXid) {
				return null;
			}
			String before = tables;
			tables = tables();
			nextXid = nextXid();
			return before.equals(tables) ? null : before + " -> " + tables;
		}

		private long nextXid() {
			return database.sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
				.map(row -> Long.parseLong(row.get(0, String.class)))
				.one()
				.block();
		}

		/**
		 * Every table a write endpoint changes: small ones row by row, the large or
		 * append-only ones by count of the last day's rows (the retention jobs of the
		 * other test contexts still running delete old rows meanwhile, which a refused
		 * request did not).
		 */
		private String tables() {
			return database.sql("""
					SELECT concat_ws('/',
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM enterprise t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM place t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM pass_card t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM role_grant t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM app_user t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM guide_assignment t),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM problem t),
					  (SELECT count(*) FROM guide_report WHERE filed_at > now() - interval '1 day'),
					  (SELECT count(*) FROM problem_step WHERE at > now() - interval '1 day'),
					  (SELECT count(*) FROM person WHERE created_at > now() - interval '1 day'),
					  (SELECT count(*) FROM scan_in WHERE scanned_at > now() - interval '1 day'),
					  (SELECT count(*) FROM refresh_token WHERE issued_at > now() - interval '1 day'),
					  (SELECT count(*) FROM audit_event WHERE occurred_at > now() - interval '1 day'),
					  (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM returnee t
					   WHERE changed_at > now() - interval '1 day'),
					  (SELECT count(*) FROM nucleic_acid_test WHERE recorded_at > now() - interval '1 day'),
					  (SELECT count(*) FROM health_report WHERE reported_at > now() - interval '1 day'),
					  (SELECT count(*) FROM region_risk WHERE set_at > now() - interval '1 day'),
					  (SELECT count(*) FROM staff_import WHERE created_at > now() - interval '1 day'))
					""").map(row -> row.get(0, String.class)).one().block();
		}

	}

	// JSON written by hand, so that control characters and lone surrogates go out as
	// \\u escapes exactly, and raw tokens (NaN, a 1,500-digit number) can be placed in
	// a field.

	private static String write(Object value) {
		if (value == null || value instanceof NullValue) {
			return "null";
		}
		if (value instanceof Raw raw) {
			return raw.json();
		}
		if (value instanceof String string) {
			StringBuilder out = new StringBuilder("\"");
			for (char c : string.toCharArray()) {
				if (c == '"' || c == '\\') {
					out.append('\\').append(c);
				}
				else if (c < 0x20 || c >= 0x7F) {
					out.append(String.format("\\u%04x", (int) c));
				}
				else {
					out.append(c);
				}
			}
			return out.append('"').toString();
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			map.forEach((key, item) -> {
				if (out.length() > 1) {
					out.append(',');
				}
				out.append(write(String.valueOf(key))).append(':').append(write(item));
			});
			return out.append('}').toString();
		}
		if (value instanceof List<?> list) {
			return "[" + String.join(",", list.stream().map(WriteEndpointsBadInputIT::write).toList()) + "]";
		}
		return value.toString();
	}

	private static Map<String, Object> body(Object... pairs) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			body.put((String) pairs[i], pairs[i + 1] instanceof UUID id ? id.toString() : pairs[i + 1]);
		}
		return body;
	}

	private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

	private static List<String> variables(String pattern) {
		List<String> names = new ArrayList<>();
		Matcher matcher = VARIABLE.matcher(pattern);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String describe(Object value) {
		String text = value instanceof NullValue ? "null" : value instanceof Raw raw ? raw.json() : write(value);
		StringBuilder out = new StringBuilder();
		text.codePoints().limit(40).forEach(out::appendCodePoint);
		return text.length() > 40 ? out + "…(" + text.length() + ")" : out.toString();
	}

	private static String abbreviate(String answer) {
		return answer.length() > 300 ? answer.substring(0, 300) + "…" : answer;
	}

	private static NullValue nullValue() {
		return NullValue.INSTANCE;
	}

	/** JSON null as a value in the corpus (List.of holds no nulls). */
	private enum NullValue {

		INSTANCE

	}

	/** A JSON token written as it is. */
	private record Raw(String json) {
	}

	/** How hard an endpoint is tried. */
	private enum Depth {

		/** The service's API: every odd value in every field. */
		API,

		/** The local profile's helpers (dev tokens, the fake's controls): fewer. */
		HELPER,

		/**
		 * The fake's side of WeChat's own API: as few, and a bad field is answered as
		 * WeChat does (HTTP 200 with an errcode), so no field is named.
		 */
		WECHAT

	}

	/**
	 * @param method as the handler mapping spells it
	 * @param pattern as the handler mapping spells it
	 * @param path valid path variables (a new record each time where the endpoint removes
	 * it)
	 * @param body a valid body, or null where none is read
	 */
	private record Endpoint(String method, String pattern, Supplier<String> token, Supplier<Map<String, Object>> path,
			Supplier<Map<String, Object>> body, Depth depth) {

		String key() {
			return method + " " + pattern;
		}

	}

	/**
	 * @param path path variables replacing the endpoint's valid ones
	 * @param mustName the field a 400 must name, or null when any 4xx (or a success) will
	 * do
	 */
	private record Case(Endpoint endpoint, String label, String contentType, Supplier<byte[]> body,
			Map<String, Object> path, String ifMatch, String query, String mustName) {

		Case(Endpoint endpoint, String label, String contentType, Supplier<byte[]> body, Map<String, Object> path,
				String ifMatch, String query) {
			this(endpoint, label, contentType, body, path, ifMatch, query, null);
		}

	}

	/**
	 * What the corpus works on: an enterprise of its own in the park, with a manager, a
	 * gate staff member, places, a pass card, an employee with a bound phone, a QR login
	 * ticket, and a user to grant roles to. Created through the API before any bad
	 * request is sent.
	 */
	private final class Fixture {

		/**
		 * Patient: the first requests of a cold service on a busy machine take seconds.
		 */
		final WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();

		final TestTokens tokens = new TestTokens(tokenService);

		final Supplier<String> official = tokens::official;

		final Supplier<String> admin = tokens::admin;

		final UUID tracerId = UUID.randomUUID();

		/**
		 * An official of its own, for the trajectory endpoints: their hourly limit counts
		 * per account, and the demo official's is shared with every other test.
		 */
		final Supplier<String> tracer = () -> tokens.console(tracerId, Role.OFFICIAL, null, Demo.PARK);

		final UUID enterprise;

		final String uscc;

		final UUID place;

		final UUID rotatedPlace;

		final UUID passCard;

		final UUID grantee;

		final String ticket;

		final Supplier<String> manager;

		final Supplier<String> managerOnMiniProgram;

		final Supplier<String> gateStaff;

		final Supplier<String> employee;

		/** A returnee of the enterprise, registered by its manager, and its trip. */
		final UUID returnee;

		final String returneePhone = Requests.phone("139");

		final String departedAt = java.time.Instant.now().minus(Duration.ofDays(2)).toString();

		final String arrivedAt = java.time.Instant.now().minus(Duration.ofHours(2)).toString();

		final Supplier<String> applicant;

		final UUID application;

		final UUID filing;

		final UUID inspection;

		final UUID plateChange;

		final UUID complaint;

		final UUID guideUser;

		final Supplier<String> guide;

		final UUID problem;

		private int scans;

		@SuppressWarnings("unchecked")
		Fixture() {
			Map<String, Object> created = client.post()
				.uri("/api/v1/enterprises")
				.headers(h -> h.setBearerAuth(tokens.official()))
				.bodyValue(Fixtures.enterprise(Demo.PARK))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			enterprise = UUID.fromString((String) created.get("id"));
			uscc = (String) created.get("uscc");
			UUID managerUser = newUser();
			grant(managerUser, Role.ENTERPRISE_MANAGER);
			String managerToken = tokens.console(managerUser, Role.ENTERPRISE_MANAGER, enterprise, null);
			manager = () -> managerToken;
			String managerMini = tokens.issue(managerUser, Audience.MINI_PROGRAM,
					new Grant(Role.ENTERPRISE_MANAGER, enterprise));
			managerOnMiniProgram = () -> managerMini;
			UUID gateUser = newUser();
			grant(gateUser, Role.GATE_STAFF);
			String gateToken = tokens.issue(gateUser, Audience.MINI_PROGRAM, new Grant(Role.GATE_STAFF, enterprise));
			gateStaff = () -> gateToken;
			String employeeToken = WeChatSignIn.employee(client, "137");
			employee = () -> employeeToken;
			place = newPlace();
			rotatedPlace = newPlace();
			passCard = newPassCard();
			grantee = newUser();
			returnee = UUID.fromString((String) client.post()
				.uri("/api/v1/returnees")
				.headers(h -> h.setBearerAuth(manager.get()))
				.bodyValue(Map.of("phone", returneePhone, "enterpriseId", enterprise.toString(), "originRegion",
						"440300", "departedAt", departedAt, "arrivedAt", arrivedAt, "transport", "TRAIN"))
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody()
				.get("id"));
			ticket = (String) client.post()
				.uri("/api/v1/auth/qr-login")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody()
				.get("ticket");
			String applicantToken = tokens.issue(newUser(), Audience.MINI_PROGRAM, new Grant(Role.EMPLOYEE, null));
			applicant = () -> applicantToken;
			application = idOf(
					created("/api/v1/enterprise-applications", applicantToken, null, Fixtures.enterprise(Demo.PARK)),
					"id");
			filing = idOf(OversightFixture.file(client, managerToken, enterprise), "id");
			inspection = idOf(
					created("/api/v1/inspections", tokens.official(), null, Map.of("enterpriseId",
							enterprise.toString(), "kind", "ROUTINE", "items", OversightFixture.checklist(Set.of()))),
					"id");
			plateChange = idOf(created("/api/v1/enterprises/{id}/plate", tokens.official(), enterprise,
					Map.of("color", "RED", "reason", "拒不整改")), "changeId");
			client.post()
				.uri("/api/v1/complaints")
				.bodyValue(Map.of("enterpriseId", enterprise.toString(), "category", "MASKS", "text", "有人未戴口罩"))
				.exchange()
				.expectStatus()
				.isCreated();
			Map<String, Object> complaints = client.get()
				.uri("/api/v1/complaints?enterpriseId={e}", enterprise)
				.headers(h -> h.setBearerAuth(tokens.official()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			complaint = idOf(((List<Map<String, Object>>) complaints.get("items")).get(0), "id");
			guideUser = newUser();
			String guideToken = tokens.issue(newUser(), Audience.CONSOLE, new Grant(Role.GUIDE, enterprise));
			guide = () -> guideToken;
			problem = idOf(
					created("/api/v1/problems", guideToken, null,
							Map.of("enterpriseId", enterprise.toString(), "category", "LABOUR", "description", "缺工")),
					"id");
			client.patch()
				.uri("/api/v1/problems/{id}", problem)
				.headers(h -> h.setBearerAuth(tokens.official()))
				.bodyValue(Map.of("status", "IN_PROGRESS"))
				.exchange()
				.expectStatus()
				.isOk();
		}

		/**
		 * A guide stationed in an enterprise of its own (a team holds two): the
		 * assignment's id.
		 */
		UUID newAssignment() {
			snapshots.stale();
			UUID station = idOf(created("/api/v1/enterprises", tokens.official(), null, Fixtures.enterprise(Demo.PARK)),
					"id");
			return idOf(created("/api/v1/guide-assignments", tokens.official(), null, Map.of("guideUserId",
					newUser().toString(), "enterpriseId", station.toString(), "department", "HEALTH")), "id");
		}

		private Map<String, Object> created(String path, String token, UUID id, Map<String, Object> body) {
			return client.post()
				.uri(path, id == null ? new Object[0] : new Object[] { id })
				.headers(h -> h.setBearerAuth(token))
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
		}

		private static UUID idOf(Map<String, Object> answer, String field) {
			return UUID.fromString((String) answer.get(field));
		}

		UUID newPlace() {
			snapshots.stale();
			return Requests.createPlace(client, manager.get(), enterprise, "门 " + UUID.randomUUID().toString(), false);
		}

		UUID newPassCard() {
			snapshots.stale();
			return UUID.fromString(
					(String) Requests.issuePassCard(client, manager.get(), enterprise, Requests.phone("136"), "王五")
						.get("id"));
		}

		/** A token of a user nobody else uses, so its logout harms no other case. */
		String throwawayToken() {
			return tokens.issue(UUID.randomUUID(), Audience.MINI_PROGRAM, new Grant(Role.EMPLOYEE, null));
		}

		String clientScanId() {
			return "fuzz-" + (++scans) + "-" + UUID.randomUUID().toString().substring(0, 8);
		}

		@SuppressWarnings("unchecked")
		private UUID newUser() {
			Map<String, Object> signedIn = WeChatSignIn.signIn(client, "wx-fuzz-" + UUID.randomUUID());
			return UUID.fromString((String) ((Map<String, Object>) signedIn.get("user")).get("id"));
		}

		private void grant(UUID user, Role role) {
			client.post()
				.uri("/api/v1/role-grants")
				.headers(h -> h.setBearerAuth(tokens.admin()))
				.bodyValue(
						Map.of("userId", user.toString(), "role", role.name(), "enterpriseId", enterprise.toString()))
				.exchange()
				.expectStatus()
				.isCreated();
		}

	}

}
