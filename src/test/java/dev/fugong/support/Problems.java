package dev.fugong.support;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

public final class Problems {

	private Problems() {
	}

	/** A 503 problem saying a dependency is unavailable, with Retry-After. */
	public static void expectUnavailable(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("dependency_unavailable");
	}

}
