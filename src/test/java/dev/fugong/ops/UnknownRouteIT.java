package dev.fugong.ops;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unknown route is the cheapest answer there is: no handler claims it, so its 404 is
 * not preceded by a search of the class path for a static file of that name (which made a
 * 404 cost twice an authenticated {@code GET /me}; the figures are in benchmarks.md). The
 * pages that are static still are.
 */
@IntegrationTest
class UnknownRouteIT {

	@Autowired
	WebTestClient web;

	@Autowired
	List<HandlerMapping> mappings;

	@Autowired
	TokenService tokenService;

	@Test
	void noHandlerClaimsAnUnknownApiPath() {
		for (String path : List.of("/api/v1/no-such-route", "/api/v1/enterprises/x/y/z", "/no-such-page.html")) {
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));
			List<Object> handlers = Flux.fromIterable(mappings)
				.concatMap(mapping -> mapping.getHandler(exchange))
				.collectList()
				.block(Duration.ofSeconds(10));
			assertThat(handlers).as(path).isEmpty();
		}
	}

	@Test
	void anUnknownRouteIsAProblemAndTheStaticPagesAreStillServed() {
		web.get()
			.uri("/api/v1/no-such-route")
			.headers(h -> h.setBearerAuth(new TestTokens(tokenService).manager()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_found");
		web.get().uri("/console/login.html").exchange().expectStatus().isOk();
		// Swagger UI is served where the document is on (ApiSpecIT).
	}

}
