package dev.fugong.ops;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kubernetes and Prometheus see of a healthy service, on the management port; and
 * what a client sees of it on the main port: only the bare probes.
 */
@IntegrationTest
class OperationsIT {

	@Autowired
	WebTestClient web;

	@LocalManagementPort
	int managementPort;

	WebTestClient management;

	@BeforeEach
	void managementClient() {
		// The scrape holds every route's latency buckets: past the client's default 256
		// KB
		// after a whole test run.
		management = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + managementPort)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	@Test
	void probesAreUpWithPostgresAndRedisRunning() {
		management.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		web.get().uri("/readyz").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
		web.get().uri("/livez").exchange().expectStatus().isOk();
	}

	/**
	 * Metrics name the JVM build, every route (the local profile's helpers among them)
	 * and exception classes: not for whoever can reach the service's port (issue 19).
	 */
	@Test
	void theMainPortServesNoActuator() {
		for (String path : new String[] { "/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator" }) {
			web.get().uri(path).exchange().expectStatus().isNotFound();
		}
	}

	@Test
	void prometheusMetricsAreExposed() {
		String metrics = management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).contains("jvm_memory_used_bytes", "application=\"fugong\"");
	}

	@Test
	void otherActuatorEndpointsAreNotExposed() {
		management.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		management.get().uri("/actuator/heapdump").exchange().expectStatus().isNotFound();
	}

}
