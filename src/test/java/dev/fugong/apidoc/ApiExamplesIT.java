package dev.fugong.apidoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the API document are real exchanges: this test makes them against the
 * running service and fails when an answer differs from the recording in
 * src/main/resources/api-doc/exchanges.json (ids, times, codes and the app's own ids
 * aside, which differ on every run). After an intended change, record them again with
 * {@code mvn test -Dtest=ApiExamplesIT -Dapi-examples.write=true}, then regenerate the
 * document (ApiSpecIT, docs/api.md).
 */
@dev.fugong.support.IntegrationTest
class ApiExamplesIT {

	static final Path FILE = Path.of("src/main/resources", RecordedExamples.RESOURCE);

	static final UUID EAST_GATE = UUID.fromString("00000000-0000-7000-8000-000000000201");

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

	/**
	 * Values that differ on every run by design: the app's ids and the codes' signatures.
	 */
	private static final List<String> VARYING_FIELDS = List.of("clientScanId", "code", "scanId");

	private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Test
	void theDocumentsExamplesAreWhatTheServiceAnswers() throws IOException {
		List<ObjectNode> exchanges = new ArrayList<>();
		TestTokens tokens = new TestTokens(tokenService);
		String gateCode = placeCode(tokens.manager(), EAST_GATE);
		String employee = WeChatSignIn.miniProgramToken(web, "wx-example-" + UUID.randomUUID());
		WeChatSignIn.bindPhone(web, employee, Requests.phone("139"));
		String run = UUID.randomUUID().toString().substring(0, 8);

		Map<String, Object> admitted = body("code", gateCode, "temperature", 36.5, "clientScanId",
				"scan-" + run + "-1");
		exchanges.add(scan("admitted", "Admitted (放行): recorded, 201", employee, admitted, 201));
		exchanges.add(scan("repeated", "A retry with the same clientScanId: the earlier answer, 200", employee,
				admitted, 200));
		exchanges.add(scan("fever", "Turned away with a fever (体温异常): recorded, 201; go to a fever clinic", employee,
				body("code", gateCode, "temperature", 37.6, "clientScanId", "scan-" + run + "-2"), 201));
		exchanges.add(scan("temperature_out_of_range", "A temperature no thermometer reads: 400 validation_failed",
				employee, body("code", gateCode, "temperature", 33.9, "clientScanId", "scan-" + run + "-3"), 400));
		exchanges.add(scan("code_wrong_host", "Not a Fugong code: 400 code_wrong_host", employee,
				body("code", "https://evil.example/q/x", "clientScanId", "scan-" + run + "-4"), 400));
		exchanges.add(scan("unauthorized", "No token: 401 unauthorized", null,
				body("code", gateCode, "clientScanId", "scan-" + run + "-5"), 401));
		exchanges.add(scan("invalid_token", "A console token on a mini-program path: 401 invalid_token",
				tokens.manager(), body("code", gateCode, "clientScanId", "scan-" + run + "-6"), 401));
		String withoutPhone = WeChatSignIn.miniProgramToken(web, "wx-example-" + UUID.randomUUID());
		exchanges.add(scan("phone_not_bound", "No phone bound yet: 409 phone_not_bound", withoutPhone,
				body("code", gateCode, "clientScanId", "scan-" + run + "-7"), 409));
		UUID sideGate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "侧门 " + run, false);
		String oldCode = placeCode(tokens.manager(), sideGate);
		web.post()
			.uri("/api/v1/places/{id}/qrcode/rotate", sideGate)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk();
		exchanges.add(scan("code_rotated", "A code replaced by a newly printed one: 410 code_rotated", employee,
				body("code", oldCode, "clientScanId", "scan-" + run + "-8"), 410));

		if (Boolean.getBoolean("api-examples.write") && !sameAsRecorded(exchanges)) {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, this.json.writeValueAsString(exchanges) + "\n");
		}
		ArrayNode recorded = (ArrayNode) this.json.readTree(Files.readString(FILE));
		assertThat(recorded).as("the exchanges in %s", FILE).hasSameSizeAs(exchanges);
		for (int i = 0; i < exchanges.size(); i++) {
			assertThat(masked(recorded.get(i)))
				.as("recorded exchange %s; record again with -Dapi-examples.write=true (docs/api.md)",
						exchanges.get(i).get("name"))
				.isEqualTo(masked(exchanges.get(i)));
		}
	}

	/**
	 * Reads that no other test reads the answer of, so that the suite's recorder
	 * ({@code ExchangeRecorder}, docs/api.md) has an example of each.
	 */
	@Test
	void readsOtherTestsDoNotLookInto() {
		TestTokens tokens = new TestTokens(tokenService);
		read(tokens.manager(), "/api/v1/shop-kinds");
		read(tokens.manager(), "/api/v1/regions?q=武汉");
		read(tokens.manager(), "/api/v1/regions/420100/risk");
		read(tokens.admin(), "/api/v1/role-grants?userId=" + Demo.MANAGER_USER);
		read(tokens.manager(), "/api/v1/places/" + EAST_GATE);
		read(tokens.official(), "/api/v1/communities/" + Demo.LIANGSHAN + "/scan-counts/today");
		read(tokens.managerOf(Demo.RUIRUN), "/api/v1/returnees/summary?enterpriseId=" + Demo.RUIRUN);
		read(tokens.managerOf(Demo.RUIRUN), "/api/v1/health-reports/missing?enterpriseId=" + Demo.RUIRUN);
	}

	/**
	 * Writes (and two reads) whose answer other tests check the status of only: the
	 * recorder sees an exchange only when a test reads its body.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void writesOtherTestsDoNotLookInto() {
		TestTokens tokens = new TestTokens(tokenService);
		String run = UUID.randomUUID().toString().substring(0, 6);
		// A county no other test sets a level for (as WriteEndpointsBadInputIT): LOW.
		assertThat(answer(web.put()
			.uri("/api/v1/regions/{code}/risk", "654324")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(body("level", "LOW", "from", "2020-01-01T00:00:00Z"))
			.exchange(), 200)).containsEntry("code", "654324").containsEntry("level", "LOW");

		// A kind listed for a month of 2020 only, so that no shop today is refused; the
		// list is put back as it was.
		List<Map<String, Object>> before = (List<Map<String, Object>>) answer(
				web.get().uri("/api/v1/negative-list").headers(h -> h.setBearerAuth(tokens.admin())).exchange(), 200)
			.get("items");
		// The items as a client sends them: without the labels the answer adds.
		List<Map<String, Object>> items = new ArrayList<>();
		before.forEach(item -> {
			Map<String, Object> sent = new LinkedHashMap<>(item);
			sent.remove("industryLabel");
			items.add(sent);
		});
		items.add(body("industry", "HOSPITALITY", "shopKind", "示例火锅" + run, "from", "2020-02-01", "to", "2020-03-01",
				"reason", "人员密集、就餐时间长，负面清单内暂不复业"));
		Map<String, Object> listed = answer(web.put()
			.uri("/api/v1/negative-list")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(body("items", items))
			.exchange(), 200);
		assertThat((List<Map<String, Object>>) listed.get("items")).extracting(item -> item.get("shopKind"))
			.contains("示例火锅" + run);
		web.put()
			.uri("/api/v1/negative-list")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(body("items", items.subList(0, before.size())))
			.exchange()
			.expectStatus()
			.isOk();

		Instant arrived = Instant.now().minus(Duration.ofHours(2));
		Map<String, Object> returnee = ReturneeFixture.registered(web, tokens.manager(), ReturneeFixture
			.body(Demo.RUIRUN, Requests.phone("139"), "110105", arrived.minus(Duration.ofDays(2)), arrived, null));
		assertThat(answer(web.post()
			.uri("/api/v1/returnees/{id}/tests", returnee.get("id"))
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.bodyValue(body("takenAt", arrived.plus(Duration.ofMinutes(30)).toString(), "result", "NEGATIVE"))
			.exchange(), 201)).containsEntry("result", "NEGATIVE");

		UUID enterprise = OversightFixture.enterprise(web, tokens.official(), Demo.PARK_GRID);
		Object filing = OversightFixture.file(web, tokens.managerOf(enterprise), enterprise).get("id");
		assertThat(answer(OversightFixture.step(web, tokens.official(), filing, "review", "材料齐全"), 200))
			.containsEntry("state", "PRELIMINARY_REVIEWED");
		assertThat(answer(OversightFixture.step(web, tokens.official(), filing, "inspect", "现场符合要求"), 200))
			.containsEntry("state", "SITE_INSPECTED");

		assertThat(answer(web.post()
			.uri("/api/v1/enterprises/{id}/disinfections", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.bodyValue(body("kind", "DISINFECTION", "area", "一号车间", "by", "张三"))
			.exchange(), 201)).containsEntry("area", "一号车间");
		assertThat((List<Map<String, Object>>) answer(web.get()
			.uri("/api/v1/enterprises/{id}/disinfections", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.exchange(), 200).get("items")).extracting(round -> round.get("area")).contains("一号车间");

		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "侧门 " + run, false);
		assertThat(answer(web.patch()
			.uri("/api/v1/places/{id}", place)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body("name", "南门 " + run))
			.exchange(), 200)).containsEntry("name", "南门 " + run);

		UUID guide = GuideFixture.newUser(web).userId();
		UUID assignment = GuideFixture.assigned(web, tokens.official(), guide, enterprise, "PARK");
		assertThat(answer(web.get()
			.uri("/api/v1/guide-assignments/{id}", assignment)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange(), 200)).containsEntry("guideUserId", guide.toString()).containsEntry("active", true);
	}

	private static Map<String, Object> answer(WebTestClient.ResponseSpec response, int status) {
		return response.expectStatus().isEqualTo(status).expectBody(Json.OBJECT).returnResult().getResponseBody();
	}

	private void read(String token, String uri) {
		web.get()
			.uri(uri)
			.headers(h -> h.setBearerAuth(token))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(body -> assertThat(body).as(uri).matches("(?s)[\\[{].*"));
	}

	/**
	 * Whether the file holds these exchanges already, but for what differs on every run.
	 */
	private boolean sameAsRecorded(List<ObjectNode> exchanges) throws IOException {
		if (!Files.exists(FILE)) {
			return false;
		}
		JsonNode recorded = this.json.readTree(Files.readString(FILE));
		List<JsonNode> made = exchanges.stream().map(ApiExamplesIT::masked).toList();
		List<JsonNode> kept = new ArrayList<>();
		recorded.forEach(exchange -> kept.add(masked(exchange)));
		return kept.equals(made);
	}

	private ObjectNode scan(String name, String summary, String token, Map<String, Object> request, int status)
			throws IOException {
		EntityExchangeResult<String> result = web.post()
			.uri("/api/v1/scans")
			.headers(headers(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult();
		if (status >= 400) {
			assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		ObjectNode exchange = this.json.createObjectNode();
		exchange.put("operation", "POST /api/v1/scans");
		exchange.put("name", name);
		exchange.put("summary", summary);
		exchange.set("request", this.json.valueToTree(request));
		exchange.put("status", status);
		exchange.set("response", this.json.readTree(result.getResponseBody()));
		return exchange;
	}

	private static Consumer<HttpHeaders> headers(String token) {
		return headers -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		};
	}

	private String placeCode(String token, UUID place) {
		return (String) web.get()
			.uri("/api/v1/places/{id}/qrcode?format=json", place)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("content");
	}

	private static Map<String, Object> body(Object... pairs) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			body.put((String) pairs[i], pairs[i + 1]);
		}
		return body;
	}

	/** The exchange with what differs on every run replaced by placeholders. */
	private static JsonNode masked(JsonNode node) {
		JsonNode copy = node.deepCopy();
		mask(copy);
		return copy;
	}

	private static void mask(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.properties().forEach(entry -> {
				JsonNode value = entry.getValue();
				if (VARYING_FIELDS.contains(entry.getKey()) && value.isTextual()) {
					entry.setValue(TextNode.valueOf("<varies>"));
				}
				else if (value.isTextual()) {
					String text = UUID_TEXT.matcher(value.asText()).replaceAll("<uuid>");
					entry.setValue(TextNode.valueOf(INSTANT.matcher(text).replaceAll("<instant>")));
				}
				else {
					mask(value);
				}
			});
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(ApiExamplesIT::mask);
		}
	}

}
