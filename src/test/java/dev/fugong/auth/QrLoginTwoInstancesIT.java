package dev.fugong.auth;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.FugongApplication;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one PostgreSQL and one Redis, as two pods would be: the
 * console's stream is held by one, the guide scans and confirms through the other, and
 * the tokens still reach the console. Nothing of the flow lives in one instance's memory.
 */
class QrLoginTwoInstancesIT {

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void start() {
		first = start("first");
		second = start("second");
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
	}

	@Test
	void theStreamOnOneInstanceHearsAConfirmOnTheOther() {
		WebTestClient console = client(first);
		WebTestClient miniProgram = client(second);
		Map<String, Object> ticket = console.post()
			.uri("/api/v1/auth/qr-login")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		String guide = WeChatSignIn.miniProgramToken(miniProgram, "demo-guide");

		var stream = console.get()
			.uri("/api/v1/auth/qr-login/{t}/events", ticket.get("ticket"))
			.header("X-Ticket-Secret", (String) ticket.get("secret"))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody();
		// The stream opens on the ticket's state (PENDING, a comment): the console
		// listens. Each step through the second instance is heard on the first, in order:
		// "scanned", then, once the guide confirms, "confirmed" with the tokens.
		// Heartbeat
		// comments may come in between on a slow run.
		StepVerifier.create(stream)
			.assertNext(event -> assertThat(event.event()).isNull())
			.then(() -> act(miniProgram, ticket, "scan", guide))
			.thenConsumeWhile(event -> event.event() == null)
			.assertNext(event -> assertThat(event.event()).isEqualTo("scanned"))
			.then(() -> act(miniProgram, ticket, "confirm", guide))
			.thenConsumeWhile(event -> event.event() == null)
			.assertNext(event -> {
				assertThat(event.event()).isEqualTo("confirmed");
				assertThat(event.data()).containsKeys("accessToken", "refreshToken");
			})
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	/** The guide's {@code scan} or {@code confirm} through this instance. */
	private static void act(WebTestClient miniProgram, Map<String, Object> ticket, String action, String guide) {
		miniProgram.post()
			.uri("/api/v1/auth/qr-login/{t}/{a}", ticket.get("ticket"), action)
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
	}

	private static ConfigurableApplicationContext start(String name) {
		// Arguments, not default properties: those would lose to application.yaml's port
		// 8080.
		return new SpringApplicationBuilder(FugongApplication.class).profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=fugong-" + name);
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
