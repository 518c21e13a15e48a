package dev.fugong.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A guide signs the console in by scanning its QR code with the mini-program. */
@IntegrationTest
class QrLoginIT {

	@Autowired
	WebTestClient web;

	@Test
	void scanConfirmAndTheConsoleRedeemsTheTicketOnce() {
		Map<String, Object> ticket = newTicket();
		String guide = miniProgramToken("demo-guide");

		act(ticket, "scan", guide).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.consoleIp")
			.isEqualTo("127.0.0.1")
			.jsonPath("$.consoleUserAgent")
			.isEqualTo("FugongConsoleTest/1.0")
			.jsonPath("$.requestedAt")
			.isNotEmpty();
		assertThat(poll(ticket)).containsEntry("state", "SCANNED").doesNotContainKey("accessToken");

		act(ticket, "confirm", guide).expectStatus().isNoContent();

		Map<String, Object> redeemed = poll(ticket);
		assertThat(redeemed).containsEntry("state", "CONFIRMED").containsKeys("accessToken", "refreshToken");
		web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth((String) redeemed.get("accessToken")))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(poll(ticket)).containsEntry("state", "CONSUMED").doesNotContainKey("accessToken");
	}

	@Test
	void theQrCodeImageDecodesToTheTicketUrlAndNothingElse() throws Exception {
		Map<String, Object> ticket = newTicket();
		byte[] png = web.get()
			.uri("/api/v1/auth/qr-login/{t}/qrcode.png?size=256", ticket.get("ticket"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();

		var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
		var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
				new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image)));
		assertThat(new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText())
			.isEqualTo(ticket.get("qrContent"));

		web.get().uri("/api/v1/auth/qr-login/{t}/qrcode.png", "no-such-ticket").exchange().expectStatus().isNotFound();
	}

	@Test
	void theConsoleLoginPageIsServed() {
		String page = web.get()
			.uri("/console/login.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("扫码登录", "/console/login.js");
		String script = web.get()
			.uri("/console/login.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(script).contains("/api/v1/auth/qr-login", "X-Ticket-Secret");
	}

	@Test
	void withoutTheSecretTheTicketDoesNotExist() {
		Map<String, Object> ticket = newTicket();
		web.get().uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket")).exchange().expectStatus().isNotFound();
		web.get()
			.uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket"))
			.header("X-Ticket-Secret", "guess")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void onlyTheScannerConfirmsAndOnlyConsoleRolesMay() {
		Map<String, Object> ticket = newTicket();
		String guide = miniProgramToken("demo-guide");
		act(ticket, "scan", guide).expectStatus().isOk();
		act(ticket, "confirm", miniProgramToken("demo-manager")).expectStatus().isForbidden();

		Map<String, Object> second = newTicket();
		String employee = miniProgramToken("demo-employee");
		act(second, "scan", employee).expectStatus().isOk();
		act(second, "confirm", employee).expectStatus().isForbidden();
		assertThat(poll(second)).containsEntry("state", "SCANNED");
	}

	@Test
	void aHundredConcurrentRedemptionsGiveExactlyOneTokenPair() {
		Map<String, Object> ticket = newTicket();
		String guide = miniProgramToken("demo-guide");
		act(ticket, "scan", guide).expectStatus().isOk();
		act(ticket, "confirm", guide).expectStatus().isNoContent();

		WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		List<CompletableFuture<Map<String, Object>>> polls = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			polls.add(CompletableFuture.supplyAsync(() -> patient.get()
				.uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket"))
				.header("X-Ticket-Secret", (String) ticket.get("secret"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody()));
		}
		List<Map<String, Object>> answers = polls.stream().map(CompletableFuture::join).toList();
		assertThat(answers).filteredOn(answer -> answer.containsKey("accessToken")).hasSize(1);
		assertThat(answers).filteredOn(answer -> !answer.containsKey("accessToken"))
			.allSatisfy(answer -> assertThat(answer).containsEntry("state", "CONSUMED"));
	}

	@Test
	void theConsoleStreamHearsScannedThenConfirmedWithTokens() {
		Map<String, Object> ticket = newTicket();
		String guide = miniProgramToken("demo-guide");
		Flux<ServerSentEvent<Map<String, Object>>> stream = web.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/api/v1/auth/qr-login/{t}/events", ticket.get("ticket"))
			.header("X-Ticket-Secret", (String) ticket.get("secret"))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody();
		// The stream opens on the ticket's state, PENDING, as a comment: from then on the
		// console hears every change. The guide scans, the console hears "scanned"; only
		// then does the guide confirm, and the console hears "confirmed" with the tokens.
		// Heartbeat comments may come in between on a slow run.
		StepVerifier.create(stream)
			.assertNext(event -> assertThat(event.event()).isNull())
			.then(() -> act(ticket, "scan", guide).expectStatus().isOk())
			.thenConsumeWhile(event -> event.event() == null)
			.assertNext(event -> {
				assertThat(event.event()).isEqualTo("scanned");
				assertThat(event.data()).containsEntry("state", "SCANNED").doesNotContainKey("accessToken");
			})
			.then(() -> act(ticket, "confirm", guide).expectStatus().isNoContent())
			.thenConsumeWhile(event -> event.event() == null)
			.assertNext(event -> {
				assertThat(event.event()).isEqualTo("confirmed");
				assertThat(event.data()).containsKeys("accessToken", "refreshToken");
			})
			.expectComplete()
			.verify(Duration.ofSeconds(30));
	}

	@Test
	void aCancelledTicketEndsTheStory() {
		Map<String, Object> ticket = newTicket();
		String guide = miniProgramToken("demo-guide");
		act(ticket, "scan", guide).expectStatus().isOk();
		act(ticket, "cancel", guide).expectStatus().isNoContent();
		assertThat(poll(ticket)).containsEntry("state", "CANCELLED");
		act(ticket, "confirm", guide).expectStatus().isEqualTo(409);
	}

	/** The mini-program user's {@code scan}, {@code confirm} or {@code cancel}. */
	private WebTestClient.ResponseSpec act(Map<String, Object> ticket, String action, String token) {
		return web.post()
			.uri("/api/v1/auth/qr-login/{t}/{action}", ticket.get("ticket"), action)
			.headers(h -> h.setBearerAuth(token))
			.exchange();
	}

	private Map<String, Object> newTicket() {
		Map<String, Object> ticket = web.post()
			.uri("/api/v1/auth/qr-login")
			.header("User-Agent", "FugongConsoleTest/1.0")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat((String) ticket.get("qrContent")).endsWith("/l/" + ticket.get("ticket"))
			.doesNotContain((String) ticket.get("secret"));
		return ticket;
	}

	private Map<String, Object> poll(Map<String, Object> ticket) {
		return web.get()
			.uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket"))
			.header("X-Ticket-Secret", (String) ticket.get("secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private String miniProgramToken(String openid) {
		return WeChatSignIn.miniProgramToken(web, openid);
	}

}
