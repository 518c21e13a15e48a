package dev.fugong.shared.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no proxy configured (the default), a client cannot choose the address a phone is
 * shown at a console QR sign-in: the defence against a relayed code.
 */
@IntegrationTest
class ForwardedHeadersIT {

	@Autowired
	WebTestClient web;

	@Test
	void aForgedForwardedAddressIsNotWhatTheScannerIsShown() {
		for (String[] header : new String[][] { { "X-Forwarded-For", "10.66.77.88" },
				{ "Forwarded", "for=10.66.77.88;proto=https" } }) {
			Map<String, Object> ticket = web.post()
				.uri("/api/v1/auth/qr-login")
				.header(header[0], header[1])
				.header("User-Agent", "Forged/1.0")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			String guide = WeChatSignIn.miniProgramToken(web, "demo-guide");
			Map<String, Object> shown = web.post()
				.uri("/api/v1/auth/qr-login/{t}/scan", ticket.get("ticket"))
				.headers(h -> h.setBearerAuth(guide))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(shown.get("consoleIp")).as(header[0]).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		}
	}

}
