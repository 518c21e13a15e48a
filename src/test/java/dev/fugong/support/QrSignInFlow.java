package dev.fugong.support;

import java.time.Duration;
import java.util.Map;

import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole console sign-in by QR code: the console opens a ticket and its stream through
 * one client, demo-guide scans and confirms through the other (the same instance or
 * another), and the stream hears "scanned", then "confirmed" with the tokens.
 */
public final class QrSignInFlow {

	private QrSignInFlow() {
	}

	public static void streamHearsScanAndConfirm(WebTestClient console, WebTestClient miniProgram) {
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
		// listens. Each step is heard on the stream, in order: "scanned", then, once the
		// guide confirms, "confirmed" with the tokens. Heartbeat comments may come in
		// between on a slow run.
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

	/** The guide's {@code scan} or {@code confirm} through this client. */
	private static void act(WebTestClient miniProgram, Map<String, Object> ticket, String action, String guide) {
		miniProgram.post()
			.uri("/api/v1/auth/qr-login/{t}/{a}", ticket.get("ticket"), action)
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
	}

}
