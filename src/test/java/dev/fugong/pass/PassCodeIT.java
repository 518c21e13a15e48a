package dev.fugong.pass;

import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeRejectedException;
import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.pass.domain.PassCodes;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.QrImages;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Pass codes on phones and printed pass cards, as gate staff will meet them. */
@IntegrationTest
class PassCodeIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	PassCodes passCodes;

	@Autowired
	PersonService persons;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void aPassCodeNeedsABoundPhoneAndStandsForThatPersonWithoutCarryingAnythingPersonal() {
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		web.get()
			.uri("/api/v1/me/pass-code")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("phone_not_bound");

		String phone = Requests.phone("137");
		WeChatSignIn.bindPhone(web, token, phone);
		Map<String, Object> pass = web.get()
			.uri("/api/v1/me/pass-code")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		String code = (String) pass.get("code");
		assertThat(code).startsWith("https://fugong.local/q/").doesNotContain(phone);
		assertThat(java.time.Instant.parse((String) pass.get("expiresAt")))
			.isBetween(java.time.Instant.now().plusSeconds(50), java.time.Instant.now().plusSeconds(61));

		UUID person = persons.findByPhone(phone).block().id();
		assertThat(passCodes.verify(code).block().personId()).isEqualTo(person);
		// Each request gives a new code.
		String again = (String) web.get()
			.uri("/api/v1/me/pass-code")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");
		assertThat(again).isNotEqualTo(code);

		// Drawn, for a client that cannot draw a QR code: a code of the same person.
		var image = web.get()
			.uri("/api/v1/me/pass-code?format=png")
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("image/png")
			.expectHeader()
			.exists("Expires")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		String drawn = QrImages.decode(image);
		assertThat(drawn).startsWith("https://fugong.local/q/").isNotEqualTo(again);
		assertThat(passCodes.verify(drawn).block().personId()).isEqualTo(person);
	}

	@Test
	void theConsoleCannotFetchAPassCode() {
		web.get()
			.uri("/api/v1/me/pass-code")
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aPrintedCardShowsOnlyTheMaskedNameAndStopsWorkingWhenRevoked() throws Exception {
		String phone = Requests.phone("136");
		Map<String, Object> card = Requests.issuePassCard(web, tokens.manager(), Demo.RUIRUN, phone, "王小明");
		assertThat(card).containsEntry("holderName", "王*明").doesNotContainValue(phone);
		UUID id = UUID.fromString((String) card.get("id"));

		byte[] pdf = web.get()
			.uri("/api/v1/pass-cards/{id}/card.pdf", id)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document)).contains("复工通行卡", "王*明", "瑞润电子有限公司")
				.doesNotContain("王小明")
				.doesNotContain(phone);
		}
		String content = QrImages.decodePdf(pdf);
		assertThat(content).as("the card's QR code, read by a camera").startsWith("https://fugong.local/q/");
		UUID person = persons.findByPhone(phone).block().id();
		assertThat(passCodes.verify(content).block().personId()).isEqualTo(person);

		web.get()
			.uri("/api/v1/pass-cards/{id}/card.pdf", id)
			.headers(h -> h.setBearerAuth(tokens.managerOf(Demo.TIANYOU)))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.delete()
			.uri("/api/v1/pass-cards/{id}", id)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(catchThrowableOfType(CodeRejectedException.class, () -> passCodes.verify(content).block()).reason())
			.isEqualTo(CodeRejection.CARD_REVOKED);
	}

}
