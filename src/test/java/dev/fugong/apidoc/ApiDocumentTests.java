package dev.fugong.apidoc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.problem.ProblemCode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client developer needs of every operation, checked over api-spec/openapi.yaml
 * (which ApiSpecIT keeps equal to the document the service generates): a summary and a
 * description, its error responses as problems with their codes, who may call it. An
 * operation added without them fails the build here.
 */
class ApiDocumentTests {

	static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

	static JsonNode document;

	@BeforeAll
	static void read() throws IOException {
		document = new YAMLMapper().readTree(Files.readString(Path.of("api-spec/openapi.yaml")));
	}

	@Test
	void everyOperationHasASummaryADescriptionAndSaysWhoMayCallIt() {
		List<String> missing = new ArrayList<>();
		forEachOperation((name, operation) -> {
			if (operation.path("summary").asText().isBlank()) {
				missing.add(name + ": no summary");
			}
			if (!operation.path("description").asText().contains("**Who may call:**")) {
				missing.add(name + ": no description of who may call it");
			}
			if (operation.path("tags").size() != 1) {
				missing.add(name + ": not in one tag");
			}
		});
		assertThat(missing).as("add Javadoc to the handler method (docs/api.md)").isEmpty();
	}

	@Test
	void everyOperationListsItsErrorsAsProblemsWithTheirCodes() {
		List<String> missing = new ArrayList<>();
		forEachOperation((name, operation) -> {
			JsonNode responses = operation.path("responses");
			List<String> errors = new ArrayList<>();
			responses.fieldNames().forEachRemaining(status -> {
				if (status.startsWith("4") || status.startsWith("5")) {
					errors.add(status);
				}
			});
			if (errors.stream().noneMatch(status -> status.startsWith("4"))) {
				missing.add(name + ": no 4xx response");
			}
			for (String status : errors) {
				JsonNode schema = responses.path(status)
					.path("content")
					.path(ApiDocumentation.PROBLEM_JSON)
					.path("schema");
				JsonNode codes = schema.path("allOf").path(1).path("properties").path("code").path("enum");
				if (!schema.path("allOf").path(0).path("$ref").asText().endsWith("/" + ApiDocumentation.PROBLEM)
						|| codes.isEmpty()) {
					missing.add(name + " " + status + ": not a problem with its codes");
				}
				codes.forEach(code -> {
					if (ProblemCatalog.get(code.asText()).status().value() != Integer.parseInt(status)) {
						missing.add(name + " " + status + ": code " + code.asText() + " has another status");
					}
				});
			}
		});
		assertThat(missing).isEmpty();
	}

	@Test
	void theAccessOfEachOperationIsReadFromTheSecurityRules() {
		// Open: no token needed.
		assertThat(operation("/api/v1/complaints", "post").path("security")).isEmpty();
		assertThat(operation("/api/v1/auth/wechat/login", "post").path("security")).isEmpty();
		assertThat(codes(operation("/api/v1/auth/wechat/login", "post"), "401")).isEmpty();
		// A token of the mini-program, any role.
		JsonNode scan = operation("/api/v1/scans", "post");
		assertThat(scan.path("security").isMissingNode()).isTrue();
		assertThat(scan.path("x-fugong-audiences").toString()).isEqualTo("[\"MINI_PROGRAM\"]");
		assertThat(codes(scan, "401")).containsExactly(ProblemCode.UNAUTHORIZED, ProblemCode.INVALID_TOKEN);
		assertThat(codes(scan, "403")).isEmpty();
		// The district admin only, on the console.
		JsonNode mode = operation("/api/v1/filing-mode", "put");
		assertThat(mode.path("x-fugong-roles").toString()).isEqualTo("[\"DISTRICT_ADMIN\"]");
		assertThat(mode.path("x-fugong-audiences").toString()).isEqualTo("[\"CONSOLE\"]");
		assertThat(codes(mode, "403")).containsExactly(ProblemCode.FORBIDDEN);
		// Gate staff and managers scan pass codes, from the mini-program; officials at
		// their communities' checkpoints.
		JsonNode pass = operation("/api/v1/places/{id}/scans", "post");
		assertThat(pass.path("x-fugong-roles").toString())
			.isEqualTo("[\"GATE_STAFF\",\"ENTERPRISE_MANAGER\",\"OFFICIAL\"]");
		assertThat(pass.path("x-fugong-audiences").toString()).isEqualTo("[\"MINI_PROGRAM\"]");
		assertThat(codes(pass, "404")).containsExactly(ProblemCode.NOT_FOUND);
		// A filter by zone can be out of scope.
		assertThat(codes(operation("/api/v1/enterprises", "get"), "403")).contains(ProblemCode.OUT_OF_SCOPE);
	}

	@Test
	void aScanInsErrorsAreAllDocumentedWithExamples() {
		JsonNode scan = operation("/api/v1/scans", "post");
		assertThat(codes(scan, "400")).contains(ProblemCode.VALIDATION_FAILED, "code_bad_signature", "code_wrong_host",
				"code_not_yet_valid");
		assertThat(codes(scan, "409")).containsExactly("phone_not_bound", "scan_in_progress");
		assertThat(codes(scan, "410")).contains("code_rotated", "code_expired", "code_place_gone",
				"code_key_withdrawn");
		assertThat(codes(scan, "503")).containsExactly(ProblemCode.DEPENDENCY_UNAVAILABLE);
		assertThat(scan.path("responses").path("503").path("headers").has("Retry-After")).isTrue();
		for (String status : List.of("400", "401", "409", "410")) {
			assertThat(scan.path("responses")
				.path(status)
				.path("content")
				.path(ApiDocumentation.PROBLEM_JSON)
				.path("examples")
				.size()).as("recorded examples of %s", status).isPositive();
		}
		assertThat(scan.path("responses").path("201").path("content").path("*/*").path("examples").has("admitted"))
			.isTrue();
		assertThat(scan.path("requestBody").path("content").path("application/json").path("examples").has("admitted"))
			.isTrue();
	}

	/**
	 * Operations with a JSON success answer that no test records yet, with why. The list
	 * may only shrink: an operation here that has an example fails too.
	 */
	static final Set<String> NOT_YET_RECORDED = Set.of();

	@Test
	void everyOperationWithAJsonAnswerHasARecordedSuccessExample() {
		List<String> missing = new ArrayList<>();
		List<String> recordedNow = new ArrayList<>();
		forEachOperation((name, operation) -> {
			boolean json = false;
			boolean example = false;
			for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
				if (!response.getKey().startsWith("2")) {
					continue;
				}
				for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
					// Bytes under a JSON media type are a file too (the daily report's
					// workbook is listed under application/json as well).
					if ((media.getKey().contains("json") || media.getKey().equals("*/*"))
							&& !binary(media.getValue())) {
						json = true;
						example |= !media.getValue().path("examples").isEmpty();
					}
				}
			}
			if (json && !example && !NOT_YET_RECORDED.contains(name)) {
				missing.add(name);
			}
			if (example && NOT_YET_RECORDED.contains(name)) {
				recordedNow.add(name);
			}
		});
		assertThat(missing)
			.as("operations without a recorded success example: call them from an IT and record "
					+ "with -Dapi-examples.write=true (docs/api.md)")
			.isEmpty();
		assertThat(recordedNow).as("recorded now: take them off NOT_YET_RECORDED").isEmpty();
	}

	/**
	 * A client developer writes a branch for every success status listed: each one must
	 * be one the service was seen giving (springdoc listed 200 for handlers answering
	 * 201).
	 */
	@Test
	void everySuccessStatusListedWasSeenAnswered() {
		List<String> unseen = new ArrayList<>();
		forEachOperation((name, operation) -> {
			for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
				if (!response.getKey().startsWith("2")) {
					continue;
				}
				for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
					if ((media.getKey().contains("json") || media.getKey().equals("*/*")) && !binary(media.getValue())
							&& media.getValue().path("examples").isEmpty()) {
						unseen.add(name + " " + response.getKey());
					}
				}
			}
		});
		assertThat(unseen).as("success statuses listed without a recorded answer").isEmpty();
	}

	/** Bytes (a file, a stream of buffers) under a media type that does not say which. */
	private static boolean binary(JsonNode media) {
		JsonNode schema = media.path("schema");
		return schema.path("format").asText().equals("byte") || schema.path("format").asText().equals("binary")
				|| schema.path("items").path("$ref").asText().endsWith("/DataBuffer");
	}

	@Test
	void everyCodeTheServiceGivesIsOnSomeOperation() {
		Set<String> documented = new TreeSet<>();
		forEachOperation((name, operation) -> operation.path("responses")
			.forEach(response -> codesOf(response).forEach(documented::add)));
		Set<String> expected = new TreeSet<>(ProblemCatalog.entries().keySet());
		// Not of any one operation: a path that takes no such method, and a fault of the
		// service (the problem schema lists both).
		expected.remove(ProblemCode.METHOD_NOT_ALLOWED);
		expected.remove(ProblemCode.INTERNAL_ERROR);
		// A race lost on a unique constraint the service checks first (the problem schema
		// lists it).
		expected.remove(ProblemCode.CONFLICT);
		assertThat(documented).containsAll(expected);
	}

	@Test
	void theDocumentHasServersALicenseAndDescribedTags() {
		assertThat(document.path("servers").size()).isPositive();
		assertThat(document.path("info").path("license").path("name").asText()).isNotBlank();
		document.path("tags").forEach(tag -> assertThat(tag.path("description").asText()).isNotBlank());
		assertThat(document.path("components")
			.path("schemas")
			.path(ApiDocumentation.PROBLEM)
			.path("properties")
			.path("code")
			.path("enum")).hasSize(ProblemCatalog.entries().size());
		for (String shared : List.of("Page", "Id", "MaskedPhone", "Temperature", "FieldError")) {
			assertThat(document.path("components").path("schemas").has(shared)).as(shared).isTrue();
		}
	}

	private static List<String> codes(JsonNode operation, String status) {
		return codesOf(operation.path("responses").path(status));
	}

	private static List<String> codesOf(JsonNode response) {
		List<String> codes = new ArrayList<>();
		response.path("content")
			.path(ApiDocumentation.PROBLEM_JSON)
			.path("schema")
			.path("allOf")
			.path(1)
			.path("properties")
			.path("code")
			.path("enum")
			.forEach(code -> codes.add(code.asText()));
		return codes;
	}

	private static JsonNode operation(String path, String method) {
		JsonNode operation = document.path("paths").path(path).path(method);
		assertThat(operation.isMissingNode()).as("%s %s", method, path).isFalse();
		return operation;
	}

	private static void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
		document.path("paths")
			.fields()
			.forEachRemaining(
					(Map.Entry<String, JsonNode> path) -> path.getValue().fields().forEachRemaining(method -> {
						if (METHODS.contains(method.getKey())) {
							check.accept(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
						}
					}));
	}

}
