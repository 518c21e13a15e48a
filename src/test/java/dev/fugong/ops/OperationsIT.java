package dev.fugong.ops;

import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What Kubernetes and Prometheus see of a healthy service. */
@IntegrationTest
class OperationsIT {

	@Autowired
	WebTestClient web;

	@Test
	void probesAreUpWithPostgresAndRedisRunning() {
		web.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void prometheusMetricsAreExposed() {
		String metrics = web.get()
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
		web.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
		web.get().uri("/actuator/heapdump").exchange().expectStatus().isNotFound();
	}

}
