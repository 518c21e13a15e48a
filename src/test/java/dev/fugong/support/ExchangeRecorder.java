package dev.fugong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Records the API document's examples from the whole integration suite: with
 * {@code -Dapi-examples.write=true} every exchange a test makes through the shared
 * {@code WebTestClient} is matched to its operation in api-spec/openapi.yaml, the first
 * exchange of each operation and error status is kept (of successful ones the fullest),
 * and when the test run ends they are written to
 * src/main/resources/api-doc/recorded-exchanges.json, where {@code RecordedExamples} puts
 * them into the document (docs/api.md). Operations with hand-made recordings
 * (exchanges.json, ApiExamplesIT) are left to those.
 * <p>
 * What differs on every run is replaced by stable placeholders, so the file changes only
 * when an answer does: ids other than the demo district's, times (kept in their order),
 * tokens, the codes' signatures, phone numbers, ID numbers in requests. Lists are cut to
 * their first three items. Bodies other than JSON (images, workbooks, archives, event
 * streams) are not recorded.
 */
public final class ExchangeRecorder implements TestExecutionListener {

	static final String PROPERTY = "api-examples.write";

	static final Path FILE = Path.of("src/main/resources/api-doc/recorded-exchanges.json");

	static final Path CURATED = Path.of("src/main/resources/api-doc/exchanges.json");

	static final Path DOCUMENT = Path.of("api-spec/openapi.yaml");

	private static final int LIST_ITEMS = 3;

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern DATE_TIME = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$");

	private static final Pattern TOKEN = Pattern.compile("^(eyJ[\\w-]+)\\.[\\w-]+\\.[\\w-]+$");

	private static final Pattern SIGNED_CODE = Pattern.compile("^(https?://[^/]+/q/)[\\w-]{16,}$");

	private static final Pattern PHONE = Pattern.compile("^1[3-9]\\d{9}$");

	private static final Pattern MASKED_PHONE = Pattern.compile("^(1\\d\\d)\\*{4}\\d{4}$");

	private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");

	private static final String SAMPLE_ID_NUMBER = "11010519491231002X";

	private static final Instant BASE_TIME = Instant.parse("2026-02-17T08:00:00Z");

	private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private static final Map<String, Map<Integer, ObjectNode>> RECORDED = new TreeMap<>();

	private static List<Route> routes;

	static boolean enabled() {
		return Boolean.getBoolean(PROPERTY);
	}

	static synchronized void record(EntityExchangeResult<?> result) {
		String path = result.getUrl().getRawPath();
		String operation = operation(result.getMethod().name(), path);
		if (operation == null) {
			return;
		}
		int status = result.getStatus().value();
		Map<Integer, ObjectNode> byStatus = RECORDED.computeIfAbsent(operation, key -> new TreeMap<>());
		if (status >= 500 || (byStatus.containsKey(status) && status >= 300)) {
			return;
		}
		JsonNode request = json(result.getRequestHeaders().getContentType(), result.getRequestBodyContent());
		JsonNode response = json(result.getResponseHeaders().getContentType(), result.getResponseBodyContent());
		boolean emptyAnswer = result.getResponseBodyContent() == null || result.getResponseBodyContent().length == 0;
		if (response == null && !emptyAnswer) {
			// An image, a workbook, an archive: described by the document, not shown.
			return;
		}
		ObjectNode exchange = JSON.createObjectNode();
		exchange.put("operation", operation);
		String code = response == null ? null : response.path("code").asText(null);
		exchange.put("name", status < 300 ? name(status) : (code != null ? code : "status_" + status));
		exchange.put("summary", summary(status, code));
		exchange.set("request", request);
		exchange.put("status", status);
		exchange.set("response", response);
		ObjectNode normalised = normalised(exchange);
		ObjectNode earlier = byStatus.get(status);
		// Of the successful answers the fullest (an empty list shows little), the first
		// of equals.
		if (earlier == null || leaves(normalised) > leaves(earlier)) {
			byStatus.put(status, normalised);
		}
	}

	private static int leaves(JsonNode node) {
		if (node.isContainerNode()) {
			int leaves = 0;
			for (JsonNode child : node) {
				leaves += leaves(child);
			}
			return leaves;
		}
		return node.isNull() ? 0 : 1;
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (!enabled()) {
			return;
		}
		synchronized (ExchangeRecorder.class) {
			if (RECORDED.isEmpty()) {
				return;
			}
			try {
				write();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Writes what this run recorded, keeping the earlier recordings of the operations and
	 * statuses it did not meet, and an earlier success that is fuller than this run's (a
	 * run of a few tests adds to the file, it does not shrink it).
	 */
	private static void write() throws IOException {
		Set<String> curated = new HashSet<>();
		if (Files.exists(CURATED)) {
			JSON.readTree(CURATED.toFile()).forEach(exchange -> curated.add(exchange.path("operation").asText()));
		}
		Set<String> known = new HashSet<>();
		routes().forEach(route -> known.add(route.operation()));
		List<JsonNode> exchanges = new ArrayList<>();
		if (Files.exists(FILE)) {
			JSON.readTree(FILE.toFile()).forEach(exchange -> {
				String operation = exchange.path("operation").asText();
				int status = exchange.path("status").asInt();
				ObjectNode now = RECORDED.getOrDefault(operation, Map.of()).get(status);
				if (!known.contains(operation)) {
					return;
				}
				if (now == null) {
					exchanges.add(exchange);
				}
				else if (status < 300 && leaves(exchange) > leaves(now)) {
					RECORDED.get(operation).put(status, (ObjectNode) exchange);
				}
			});
		}
		RECORDED.forEach((operation, byStatus) -> {
			if (!curated.contains(operation)) {
				exchanges.addAll(byStatus.values());
			}
		});
		exchanges.sort(Comparator.comparing((JsonNode exchange) -> exchange.path("operation").asText())
			.thenComparing(exchange -> exchange.path("status").asInt()));
		Files.createDirectories(FILE.getParent());
		Files.writeString(FILE, JSON.writeValueAsString(exchanges) + "\n");
	}

	private static String name(int status) {
		return HttpStatus.valueOf(status).name().toLowerCase();
	}

	private static String summary(int status, String code) {
		HttpStatus known = HttpStatus.resolve(status);
		String text = status + " " + (known == null ? "" : known.getReasonPhrase());
		return code == null ? text : text + ", " + code;
	}

	private static JsonNode json(MediaType type, byte[] body) {
		if (type == null || body == null || body.length == 0) {
			return null;
		}
		if (!type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.getSubtype().endsWith("+json")) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** The operation in the document a method and path are of, or null. */
	private static String operation(String method, String path) {
		for (Route route : routes()) {
			if (route.method().equals(method) && route.pattern().matcher(path).matches()) {
				return route.operation();
			}
		}
		return null;
	}

	private static List<Route> routes() {
		if (routes == null) {
			List<Route> found = new ArrayList<>();
			try {
				new YAMLMapper().readTree(DOCUMENT.toFile())
					.path("paths")
					.properties()
					.forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
						if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
							found.add(Route.of(method.toUpperCase(), path.getKey()));
						}
					}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			// A literal segment wins over a variable, as in the service.
			found.sort(Comparator.comparingInt(Route::variables));
			routes = found;
		}
		return routes;
	}

	/** The exchange with what differs on every run replaced by stable placeholders. */
	static ObjectNode normalised(ObjectNode exchange) {
		ObjectNode copy = exchange.deepCopy();
		Map<String, String> ids = new HashMap<>();
		TreeSet<String> times = new TreeSet<>(Comparator.comparing(ExchangeRecorder::instant));
		collectTimes(copy, times);
		List<String> ordered = new ArrayList<>(times);
		for (String field : List.of("request", "response")) {
			JsonNode value = copy.get(field);
			if (value != null && !value.isNull()) {
				copy.set(field, normalise(value, ids, ordered, field.equals("response")));
			}
		}
		return copy;
	}

	private static void collectTimes(JsonNode node, Set<String> times) {
		if (node.isTextual() && DATE_TIME.matcher(node.asText()).matches() && instant(node.asText()) != null) {
			times.add(node.asText());
		}
		node.forEach(child -> collectTimes(child, times));
	}

	private static Instant instant(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static JsonNode normalise(JsonNode node, Map<String, String> ids, List<String> times, boolean answer) {
		if (node.isTextual()) {
			return TextNode.valueOf(text(node.asText(), ids, times, answer));
		}
		if (node instanceof ArrayNode array) {
			ArrayNode cut = JSON.createArrayNode();
			for (int i = 0; i < Math.min(array.size(), LIST_ITEMS); i++) {
				cut.add(normalise(array.get(i), ids, times, answer));
			}
			return cut;
		}
		if (node instanceof ObjectNode object) {
			ObjectNode copy = JSON.createObjectNode();
			object.properties()
				.forEach(entry -> copy.set(entry.getKey(), normalise(entry.getValue(), ids, times, answer)));
			return copy;
		}
		return node;
	}

	private static String text(String text, Map<String, String> ids, List<String> times, boolean answer) {
		int time = times.indexOf(text);
		if (time >= 0) {
			OffsetDateTime original = OffsetDateTime.parse(text);
			return OffsetDateTime.ofInstant(BASE_TIME.plusSeconds(60L * time), original.getOffset())
				.format(TIME_FORMAT);
		}
		Matcher token = TOKEN.matcher(text);
		if (token.matches()) {
			return token.group(1) + ".<claims>.<signature>";
		}
		Matcher code = SIGNED_CODE.matcher(text);
		if (code.matches()) {
			return code.group(1) + "<signed-code>";
		}
		if (PHONE.matcher(text).matches()) {
			return text.substring(0, 3) + "00001234";
		}
		Matcher masked = MASKED_PHONE.matcher(text);
		if (masked.matches()) {
			return masked.group(1) + "****1234";
		}
		if (!answer && ID_NUMBER.matcher(text).matches()) {
			// The tests' generated numbers, replaced by the standard's (GB 11643) sample.
			return SAMPLE_ID_NUMBER;
		}
		if (answer && ID_NUMBER.matcher(text).find()) {
			throw new IllegalStateException("An answer shows an unmasked ID number: " + text);
		}
		Matcher uuid = UUID_TEXT.matcher(text);
		StringBuilder out = new StringBuilder();
		while (uuid.find()) {
			String id = uuid.group();
			// The demo district's fixed ids are the same on every run.
			String stable = id.startsWith("00000000-0000-") ? id
					: ids.computeIfAbsent(id, key -> "01900000-0000-7000-8000-%012d".formatted(ids.size() + 1));
			uuid.appendReplacement(out, stable);
		}
		uuid.appendTail(out);
		return out.toString();
	}

	private record Route(String method, String operation, Pattern pattern, int variables) {

		static Route of(String method, String path) {
			StringBuilder regex = new StringBuilder();
			int variables = 0;
			for (String segment : path.substring(1).split("/")) {
				regex.append('/');
				if (segment.startsWith("{") && segment.endsWith("}")) {
					regex.append("[^/]+");
					variables++;
				}
				else {
					regex.append(Pattern.quote(segment));
				}
			}
			return new Route(method, method + " " + path, Pattern.compile(regex.toString()), variables);
		}

	}

	/**
	 * Adds the recorder to the test client of every integration test's context, when
	 * recording.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Recording {

		@Bean
		WebTestClientBuilderCustomizer exchangeRecorder() {
			return builder -> {
				if (enabled()) {
					builder.entityExchangeResultConsumer(ExchangeRecorder::record);
				}
			};
		}

	}

}
