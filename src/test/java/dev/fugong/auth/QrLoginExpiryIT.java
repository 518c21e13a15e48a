package dev.fugong.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fugong.support.Json;
import dev.fugong.support.MutableClock;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket lives 120 s by the service's clock: pending a second before, expired a second
 * after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles({ "local", "test" })
class QrLoginExpiryIT {

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Test
	void aTicketExpiresOneSecondAfterItsTtl() {
		String guide = WeChatSignIn.miniProgramToken(web, "demo-guide");
		Map<String, Object> early = newTicket();
		Map<String, Object> late = newTicket();

		clock.advance(Duration.ofSeconds(119));
		assertThat(poll(early)).containsEntry("state", "PENDING");
		web.post()
			.uri("/api/v1/auth/qr-login/{t}/scan", early.get("ticket"))
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.isOk();

		clock.advance(Duration.ofSeconds(2));
		assertThat(poll(late)).containsEntry("state", "EXPIRED");
		assertThat(poll(early)).containsEntry("state", "EXPIRED");
		web.post()
			.uri("/api/v1/auth/qr-login/{t}/confirm", early.get("ticket"))
			.headers(h -> h.setBearerAuth(guide))
			.exchange()
			.expectStatus()
			.isEqualTo(410)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("ticket_expired");
	}

	private Map<String, Object> newTicket() {
		return web.post()
			.uri("/api/v1/auth/qr-login")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
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

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

}
