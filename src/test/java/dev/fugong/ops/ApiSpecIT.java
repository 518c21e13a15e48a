package dev.fugong.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springdoc.core.service.OpenAPIService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * api-spec/openapi.yaml is the contract clients are written against; this fails the build
 * when the served API drifts from it. After an intended change, regenerate the file with
 * {@code mvn test -Dtest=ApiSpecIT -Dapi-spec.write=true} and review the diff.
 */
@IntegrationTest
@TestPropertySource(properties = { "springdoc.api-docs.enabled=true", "springdoc.swagger-ui.enabled=true",
		"springdoc.pre-loading-enabled=true" })
class ApiSpecIT {

	static final Path SPEC = Path.of("api-spec/openapi.yaml");

	@Autowired
	WebTestClient web;

	@Autowired
	OpenAPIService documents;

	@Test
	void theServedApiIsTheCommittedSpec() throws IOException {
		// springdoc builds the document on its own thread at start-up (pre-loading),
		// under
		// a lock a request would wait on, on an event loop; ask once it is built.
		await().atMost(Duration.ofMinutes(3)).until(() -> this.documents.getCachedOpenAPI(Locale.getDefault()) != null);
		web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		// The document with its examples and error responses is larger than the client's
		// default 256 KB buffer.
		String served = web.mutate()
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
			.build()
			.get()
			.uri("/v3/api-docs.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		YAMLMapper yaml = new YAMLMapper();
		JsonNode servedTree = normalize(yaml.readTree(served));
		if (Boolean.getBoolean("api-spec.write")) {
			Files.writeString(SPEC, yaml.writeValueAsString(servedTree));
		}
		JsonNode committed = normalize(yaml.readTree(Files.readString(SPEC)));
		assertThat(servedTree).as("served /v3/api-docs vs %s", SPEC).isEqualTo(committed);
	}

	/**
	 * The servers are configured (fugong.api-doc.servers), not the random port of this
	 * run, so they are part of the contract.
	 */
	private static JsonNode normalize(JsonNode spec) {
		return spec;
	}

}
