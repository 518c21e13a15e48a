package dev.fugong.enterprise.place;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.enterprise.place.domain.CodeRejectedException;
import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.enterprise.place.domain.PlaceCodes;
import dev.fugong.pass.domain.PassCodes;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A labelled corpus of bad codes, each refused with its own reason and none accepted:
 * checked through the services a scan uses and, for place codes, through the API the
 * mini-program calls.
 */
@IntegrationTest
class BadCodeCorpusIT {

	private static final String HOST = "https://fugong.local";

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	PlaceCodes placeCodes;

	@Autowired
	PassCodes passCodes;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void everyBadCodeIsRefusedWithItsOwnReasonAndNoneIsAccepted() {
		UUID place = newPlace();
		String valid = format.place(place, 1);
		byte[] bytes = CodeFormatTests.bytes(valid);

		UUID rotated = newPlace();
		String beforeRotation = format.place(rotated, 1);
		web.post()
			.uri("/api/v1/places/{id}/qrcode/rotate", rotated)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk();
		UUID deleted = newPlace();
		String ofDeletedPlace = format.place(deleted, 1);
		web.delete()
			.uri("/api/v1/places/{id}", deleted)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNoContent();
		UUID revokedCard = revokedCard();

		long step = Instant.now().toEpochMilli() / Duration.ofSeconds(30).toMillis();
		String pass = format.pass(UUID.randomUUID(), Instant.now().plusSeconds(60));

		List<Bad> corpus = new ArrayList<>();
		// Not a code of this platform at all.
		corpus.add(place("empty", "", CodeRejection.NOT_A_URL));
		corpus.add(place("plain text", "hello", CodeRejection.NOT_A_URL));
		corpus.add(place("ftp URL", "ftp://fugong.local/q/" + CodeFormatTests.token(valid), CodeRejection.NOT_A_URL));
		corpus.add(place("scheme only", "https:fugong.local/q/x", CodeRejection.NOT_A_URL));
		corpus.add(place("other host", valid.replace(HOST, "https://evil.example"), CodeRejection.WRONG_HOST));
		corpus.add(place("host as prefix of another", valid.replace(HOST, HOST + ".evil.example"),
				CodeRejection.WRONG_HOST));
		corpus.add(place("user info", valid.replace(HOST, HOST + "@evil.example"), CodeRejection.WRONG_HOST));
		corpus.add(place("plain http", valid.replace(HOST, "http://fugong.local"), CodeRejection.WRONG_HOST));
		corpus.add(place("other port", valid.replace(HOST, HOST + ":8443"), CodeRejection.WRONG_HOST));
		corpus.add(place("other path", valid.replace("/q/", "/p/"), CodeRejection.WRONG_PREFIX));
		corpus.add(place("no path", HOST, CodeRejection.WRONG_PREFIX));
		corpus.add(place("token at the root", valid.replace("/q/", "/"), CodeRejection.WRONG_PREFIX));
		corpus.add(place("empty token", HOST + "/q/", CodeRejection.MALFORMED));
		// Damaged in transit or by hand.
		corpus.add(place("standard base64 character", valid.substring(0, valid.length() - 1) + "+",
				CodeRejection.BAD_ENCODING));
		corpus.add(place("padding", valid + "=", CodeRejection.BAD_ENCODING));
		// The same bytes, spelled with the last character's unused bit set.
		corpus.add(place("second spelling", CodeFormatTests.respelled(valid), CodeRejection.BAD_ENCODING));
		corpus.add(place("dot in token", valid.substring(0, valid.length() - 2) + ".A", CodeRejection.BAD_ENCODING));
		corpus.add(place("impossible length", valid + "AA", CodeRejection.BAD_ENCODING));
		corpus.add(place("query string", valid + "?from=poster", CodeRejection.BAD_ENCODING));
		corpus.add(place("truncated by four", valid.substring(0, valid.length() - 4), CodeRejection.MALFORMED));
		corpus.add(place("truncated to ten", HOST + "/q/" + CodeFormatTests.token(valid).substring(0, 10),
				CodeRejection.MALFORMED));
		corpus.add(place("extended", valid + "AAAA", CodeRejection.MALFORMED));
		corpus.add(place("unknown kind", encode(with(bytes, 0, (byte) 0x19)), CodeRejection.MALFORMED));
		corpus.add(place("unknown format", encode(with(bytes, 0, (byte) 0x21)), CodeRejection.MALFORMED));
		for (int i = bytes.length - 16; i < bytes.length; i++) {
			corpus.add(place("signature byte " + (i - bytes.length + 16) + " flipped",
					encode(with(bytes, i, (byte) (bytes[i] ^ 0x01))), CodeRejection.BAD_SIGNATURE));
		}
		corpus.add(place("place id changed", encode(with(bytes, 5, (byte) (bytes[5] ^ 0x40))),
				CodeRejection.BAD_SIGNATURE));
		corpus.add(place("version raised", encode(with(bytes, 21, (byte) 2)), CodeRejection.BAD_SIGNATURE));
		corpus.add(place("unknown key id", encode(with(bytes, 1, (byte) 77)), CodeRejection.UNKNOWN_KEY));
		corpus.add(place("withdrawn key", encode(signed(with(bytes, 1, (byte) 9))), CodeRejection.KEY_WITHDRAWN));
		corpus.add(place("oversized", valid + "A".repeat(600), CodeRejection.TOO_LONG));
		corpus.add(place("Chinese in token", HOST + "/q/场所码", CodeRejection.NOT_ASCII));
		corpus.add(place("full-width slash", valid.replace("/q/", "/q／"), CodeRejection.NOT_ASCII));
		corpus.add(place("trailing newline", valid + "\n", CodeRejection.NOT_ASCII));
		corpus.add(place("inner space", valid.replace("/q/", "/q/ "), CodeRejection.NOT_ASCII));
		// Genuine, but no longer (or not here) valid.
		corpus.add(place("older version after rotation", beforeRotation, CodeRejection.ROTATED));
		corpus.add(place("place deleted", ofDeletedPlace, CodeRejection.PLACE_NOT_FOUND));
		corpus.add(place("place never existed", format.place(UUID.randomUUID(), 1), CodeRejection.PLACE_NOT_FOUND));
		corpus.add(place("dynamic code two steps old", format.dynamicPlace(place, 1, step - 2), CodeRejection.EXPIRED));
		corpus.add(place("dynamic code from the future", format.dynamicPlace(place, 1, step + 5),
				CodeRejection.NOT_YET_VALID));
		corpus.add(place("pass code used as a place code", pass, CodeRejection.WRONG_KIND));
		corpus.add(place("pass card used as a place code", format.card(UUID.randomUUID()), CodeRejection.WRONG_KIND));
		corpus.add(pass("place code used as a pass code", valid, CodeRejection.WRONG_KIND));
		corpus.add(pass("gate screen code used as a pass code", format.dynamicPlace(place, 1, step),
				CodeRejection.WRONG_KIND));
		corpus.add(pass("pass code expired", format.pass(UUID.randomUUID(), Instant.now().minusSeconds(1)),
				CodeRejection.PASS_EXPIRED));
		corpus.add(pass("pass code never issued", pass, CodeRejection.PASS_REVOKED));
		corpus.add(pass("pass card revoked", format.card(revokedCard), CodeRejection.CARD_REVOKED));
		corpus.add(pass("pass card never issued", format.card(UUID.randomUUID()), CodeRejection.CARD_REVOKED));

		assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
		assertThat(corpus.stream().map(Bad::label).distinct()).hasSameSizeAs(corpus);
		List<String> wrong = new ArrayList<>();
		for (Bad bad : corpus) {
			CodeRejection actual = rejection(bad);
			if (actual != bad.expected()) {
				wrong.add(bad.label() + ": expected " + bad.expected() + ", got " + actual);
			}
		}
		assertThat(wrong).isEmpty();

		// The control: the untouched code is accepted, so the refusals above are the
		// damage's doing.
		assertThat(placeCodes.verify(valid).block().place().place().id()).isEqualTo(place);
	}

	@Test
	void theMiniProgramGetsEachReasonAsAProblemAndTheValidCodeAsItsPlace() {
		UUID place = newPlace();
		String valid = format.place(place, 1);
		resolve(valid).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(place.toString())
			.jsonPath("$.enterpriseName")
			.isEqualTo("瑞润电子有限公司");
		resolve(valid.replace(HOST, "https://evil.example")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("code_wrong_host");
		byte[] bytes = CodeFormatTests.bytes(valid);
		resolve(encode(with(bytes, bytes.length - 1, (byte) (bytes[bytes.length - 1] ^ 1)))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("code_bad_signature");
		web.post()
			.uri("/api/v1/places/{id}/qrcode/rotate", place)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.codeVersion")
			.isEqualTo(2);
		resolve(valid).expectStatus()
			.isEqualTo(410)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("code_rotated")
			.jsonPath("$.detail")
			.isEqualTo("This code was replaced. Scan the newly posted one.");
		resolve(format.place(place, 2)).expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec resolve(String code) {
		return web.post()
			.uri("/api/v1/codes/resolve")
			.headers(h -> h.setBearerAuth(tokens.employeeOnMiniProgram()))
			.bodyValue(Map.of("code", code))
			.exchange();
	}

	private CodeRejection rejection(Bad bad) {
		try {
			if (bad.asPass()) {
				passCodes.verify(bad.content()).block();
			}
			else {
				placeCodes.verify(bad.content()).block();
			}
			return null;
		}
		catch (CodeRejectedException ex) {
			return ex.reason();
		}
	}

	private UUID newPlace() {
		return Requests.createPlace(web, tokens.manager(), Demo.RUIRUN,
				"东门 " + UUID.randomUUID().toString().substring(0, 6), false);
	}

	private UUID revokedCard() {
		Map<String, Object> card = Requests.issuePassCard(web, tokens.manager(), Demo.RUIRUN, Requests.phone("139"),
				"李四");
		UUID id = UUID.fromString((String) card.get("id"));
		web.delete()
			.uri("/api/v1/pass-cards/{id}", id)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isNoContent();
		return id;
	}

	private static byte[] with(byte[] bytes, int index, byte value) {
		byte[] copy = bytes.clone();
		copy[index] = value;
		return copy;
	}

	/** The bytes re-signed with a stranger's key, so only the key id is wrong. */
	private static byte[] signed(byte[] bytes) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(CodeFormatTests.KEY_2, "HmacSHA256"));
			mac.update(bytes, 0, bytes.length - 16);
			System.arraycopy(mac.doFinal(), 0, bytes, bytes.length - 16, 16);
			return bytes;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(byte[] bytes) {
		return HOST + "/q/" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Bad place(String label, String content, CodeRejection expected) {
		return new Bad(label, content, false, expected);
	}

	private static Bad pass(String label, String content, CodeRejection expected) {
		return new Bad(label, content, true, expected);
	}

	record Bad(String label, String content, boolean asPass, CodeRejection expected) {
	}

}
