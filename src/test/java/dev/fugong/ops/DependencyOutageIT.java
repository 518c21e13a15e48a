package dev.fugong.ops;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service with PostgreSQL and Redis unreachable (ports nobody listens on): requests
 * answer 503 with Retry-After within seconds, never a 500 or a hang, and readiness
 * reports DOWN so Kubernetes stops routing to the pod while liveness stays UP so it is
 * not restarted.
 * <p>
 * "Within seconds" is measured against 10 s, which a busy build machine still meets: the
 * service's own bounds (connect 1-2 s, commands 2 s) answer well inside it, and a request
 * left to wait on a dead dependency would run into the client's 60 s instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:9/fugong?connectTimeout=PT1S",
				"spring.r2dbc.username=fugong", "spring.r2dbc.password=none", "spring.flyway.enabled=false",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=9" })
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles({ "local", "test" })
// Closed after the class: left cached, its clients would retry the dead ports in the
// background for the rest of the suite.
@DirtiesContext
class DependencyOutageIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokens;

	@Test
	void aRequestThatNeedsTheDatabaseGets503Quickly() {
		String token = tokens
			.issue(UUID.randomUUID(), List.of(new Grant(Role.DISTRICT_ADMIN, null)), 0, Audience.CONSOLE, null)
			.value();
		long started = System.nanoTime();

		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("dependency_unavailable");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void readinessIsDownAndLivenessUp() {
		web.get().uri("/readyz").exchange().expectStatus().isEqualTo(503);
		web.get().uri("/livez").exchange().expectStatus().isOk();
	}

}
