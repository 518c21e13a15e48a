package dev.fugong.apidoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Examples of requests and answers recorded from real exchanges with the service
 * ({@code ApiExamplesIT} makes them and fails when the service answers differently from
 * the recording), put into the document under their operations.
 */
@Component
class RecordedExamples {

	static final String RESOURCE = "api-doc/exchanges.json";

	/**
	 * Exchanges recorded from the whole integration suite (the test's
	 * {@code ExchangeRecorder}): the first of each operation and status.
	 */
	static final String SUITE_RESOURCE = "api-doc/recorded-exchanges.json";

	private final List<Exchange> exchanges;

	private final List<Exchange> suiteExchanges;

	RecordedExamples() {
		this.exchanges = read(RESOURCE);
		this.suiteExchanges = read(SUITE_RESOURCE);
	}

	/**
	 * One recorded exchange.
	 *
	 * @param operation method and OpenAPI path, {@code POST /api/v1/scans}
	 * @param name the example's name, unique within the operation and status
	 * @param summary what it shows
	 * @param request the request body sent, if any
	 * @param status the status answered
	 * @param response the body answered
	 */
	record Exchange(String operation, String name, String summary, JsonNode request, int status, JsonNode response) {
	}

	static List<Exchange> read(String name) {
		ClassPathResource resource = new ClassPathResource(name);
		if (!resource.exists()) {
			return List.of();
		}
		// Jackson 2, as swagger-core writes the document with it.
		ObjectMapper json = new ObjectMapper();
		try (InputStream in = resource.getInputStream()) {
			return List.of(json.readValue(in, Exchange[].class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void apply(HttpMethod method, String path, Operation operation) {
		String key = method.name() + " " + path;
		applyCurated(key, operation);
		applySuite(key, operation);
	}

	/**
	 * The suite's recordings: the request of a successful exchange under the request
	 * body, each answer under the response of its status. An answer of a status the
	 * operation does not document is left out (the curated recordings fail instead).
	 */
	private void applySuite(String key, Operation operation) {
		for (Exchange exchange : this.suiteExchanges) {
			if (!exchange.operation().equals(key)) {
				continue;
			}
			boolean success = exchange.status() < 300;
			if (success && present(exchange.request()) && operation.getRequestBody() != null
					&& operation.getRequestBody().getContent() != null) {
				operation.getRequestBody()
					.getContent()
					.values()
					.forEach(media -> media.addExamples(exchange.name(),
							new Example().summary(exchange.summary()).value(exchange.request())));
			}
			if (!present(exchange.response())) {
				continue;
			}
			ApiResponse response = operation.getResponses().get(String.valueOf(exchange.status()));
			if (response == null && success) {
				response = otherSuccess(operation, exchange.status());
			}
			if (response == null || response.getContent() == null) {
				continue;
			}
			// Not under an image or a file the same answer can be instead of JSON.
			response.getContent().forEach((type, media) -> {
				if (type.contains("json") || type.equals("*/*")) {
					media.addExamples(exchange.name(),
							new Example().summary(exchange.summary()).value(exchange.response()));
				}
			});
		}
	}

	private static boolean present(JsonNode node) {
		return node != null && !node.isNull();
	}

	private void applyCurated(String key, Operation operation) {
		for (Exchange exchange : this.exchanges) {
			if (!exchange.operation().equals(key)) {
				continue;
			}
			Example example = new Example().summary(exchange.summary());
			// A request refused as invalid is no example to follow (nor valid for its
			// schema).
			if (exchange.request() != null && !exchange.request().isNull() && !invalidInput(exchange)) {
				RequestBody body = operation.getRequestBody();
				if (body != null && body.getContent() != null) {
					body.getContent()
						.values()
						.forEach(media -> media.addExamples(exchange.name(),
								new Example().summary(exchange.summary()).value(exchange.request())));
				}
			}
			String status = String.valueOf(exchange.status());
			ApiResponse response = operation.getResponses().get(status);
			if (response == null && exchange.status() < 300) {
				response = otherSuccess(operation, exchange.status());
			}
			if (response == null || response.getContent() == null) {
				throw new IllegalStateException("Recorded " + key + " " + status + " (" + exchange.name()
						+ ") but the operation documents no such answer");
			}
			response.getContent()
				.values()
				.forEach(media -> media.addExamples(exchange.name(), example.value(exchange.response())));
		}
	}

	/**
	 * springdoc lists 200 for a ResponseEntity; the other success statuses are only known
	 * from what the handler answers: the recorded one is added with 200's content.
	 */
	private static ApiResponse otherSuccess(Operation operation, int status) {
		ApiResponse ok = operation.getResponses().get("200");
		if (ok == null) {
			return null;
		}
		ApiResponse response = new ApiResponse().description(description(status)).content(copy(ok.getContent()));
		operation.getResponses().addApiResponse(String.valueOf(status), response);
		return response;
	}

	private static boolean invalidInput(Exchange exchange) {
		String code = exchange.response() == null ? "" : exchange.response().path("code").asText("");
		return code.equals("validation_failed") || code.equals("malformed_request");
	}

	private static String description(int status) {
		return status == 201 ? "Created" : "OK";
	}

	private static Content copy(Content content) {
		Content copy = new Content();
		if (content != null) {
			content.forEach((type, media) -> copy.addMediaType(type, new MediaType().schema(media.getSchema())));
		}
		return copy;
	}

}
