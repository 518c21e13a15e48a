package dev.fugong.enterprise.place;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.enterprise.place.domain.CodeKind;
import dev.fugong.enterprise.place.domain.CodeRejectedException;
import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.enterprise.place.domain.ParsedCode;
import dev.fugong.shared.qr.QrCodeRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The code format on its own: what it carries, how long it is, and that it is signed. */
class CodeFormatTests {

	static final byte[] KEY_1 = "0123456789abcdef0123456789abcdef".getBytes();

	static final byte[] KEY_2 = "fedcba9876543210fedcba9876543210".getBytes();

	final CodeFormat format = new CodeFormat("https://fugong.local", List.of(new CodeFormat.Key(1, KEY_1)), List.of());

	final UUID place = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

	@Test
	void eachKindCarriesWhatItWasMadeWith() {
		ParsedCode printed = format.verify(format.place(place, 7));
		assertThat(printed).isEqualTo(new ParsedCode(CodeKind.PLACE, 1, place, 7, 0, null));

		ParsedCode dynamic = format.verify(format.dynamicPlace(place, 3, 58_000_000L));
		assertThat(dynamic.kind()).isEqualTo(CodeKind.PLACE_DYNAMIC);
		assertThat(dynamic.step()).isEqualTo(58_000_000L);
		assertThat(dynamic.codeVersion()).isEqualTo(3);

		Instant expiry = Instant.parse("2026-11-22T10:00:00Z");
		ParsedCode pass = format.verify(format.pass(place, expiry));
		assertThat(pass.kind()).isEqualTo(CodeKind.PASS);
		assertThat(pass.expiresAt()).isEqualTo(expiry);

		assertThat(format.verify(format.card(place)).kind()).isEqualTo(CodeKind.CARD);
	}

	@Test
	void aPrintedCodeIsAShortUrlThatFitsAVersion6QrCodeEvenWithALongHost() {
		String content = format.place(place, 1);
		assertThat(content).startsWith("https://fugong.local/q/").hasSize(23 + 51);

		String fortyCharacterHost = "https://" + "a".repeat(26) + ".example.cn";
		CodeFormat longHost = new CodeFormat(fortyCharacterHost, List.of(new CodeFormat.Key(1, KEY_1)), List.of());
		assertThat(QrCodeRenderer.version(longHost.place(place, Integer.MAX_VALUE))).isLessThanOrEqualTo(6);
		assertThat(QrCodeRenderer.version(longHost.dynamicPlace(place, 1, 1L << 31))).isLessThanOrEqualTo(6);
		assertThat(QrCodeRenderer.version(longHost.pass(place, Instant.now()))).isLessThanOrEqualTo(6);
	}

	@Test
	void theSchemeAndHostMatchInAnyCaseButTheTokenDoesNot() {
		String content = format.place(place, 1);
		assertThat(format.verify(content.replace("https://fugong.local", "HTTPS://FUGONG.LOCAL")).subject())
			.isEqualTo(place);
		String token = content.substring(content.lastIndexOf('/') + 1);
		String swapped = "https://fugong.local/q/" + swapCase(token);
		assertThat(catchThrowableOfType(CodeRejectedException.class, () -> format.verify(swapped)).reason())
			.isIn(CodeRejection.BAD_SIGNATURE, CodeRejection.MALFORMED, CodeRejection.BAD_ENCODING);
	}

	@Test
	void aCodeHasOneSpellingOnly() {
		// Kinds whose tokens end with unused bits: two (place, pass) or four (card); a
		// gate screen's code is a whole number of 3-byte groups.
		for (String content : List.of(format.place(place, 1),
				format.pass(place, java.time.Instant.ofEpochSecond(1_800_000_000L)), format.card(place))) {
			String token = token(content);
			assertThat(token.length() % 4).isIn(2, 3);
			String respelled = respelled(content);
			assertThat(respelled).isNotEqualTo(content);
			assertThat(java.util.Base64.getUrlDecoder().decode(token(respelled)))
				.isEqualTo(java.util.Base64.getUrlDecoder().decode(token));
			assertThat(catchThrowableOfType(CodeRejectedException.class, () -> format.verify(respelled)).reason())
				.as(content)
				.isEqualTo(CodeRejection.BAD_ENCODING);
			assertThat(format.verify(content).subject()).isEqualTo(place);
		}
	}

	@Test
	void duringARotationOfKeysOldCodesStillPassAndNewOnesAreSignedWithTheNewKey() {
		String signedWithOld = format.place(place, 1);
		CodeFormat rotated = new CodeFormat("https://fugong.local",
				List.of(new CodeFormat.Key(2, KEY_2), new CodeFormat.Key(1, KEY_1)), List.of());
		assertThat(rotated.verify(signedWithOld).keyId()).isEqualTo(1);
		assertThat(rotated.verify(rotated.place(place, 1)).keyId()).isEqualTo(2);

		CodeFormat withdrawn = new CodeFormat("https://fugong.local", List.of(new CodeFormat.Key(2, KEY_2)),
				List.of(1));
		assertThat(catchThrowableOfType(CodeRejectedException.class, () -> withdrawn.verify(signedWithOld)).reason())
			.isEqualTo(CodeRejection.KEY_WITHDRAWN);
	}

	@Test
	void aKeyOfAnotherDeploymentSignsNothingHere() {
		CodeFormat other = new CodeFormat("https://fugong.local", List.of(new CodeFormat.Key(1, KEY_2)), List.of());
		assertThat(
				catchThrowableOfType(CodeRejectedException.class, () -> format.verify(other.place(place, 1))).reason())
			.isEqualTo(CodeRejection.BAD_SIGNATURE);
	}

	static String swapCase(String value) {
		StringBuilder out = new StringBuilder();
		for (char c : value.toCharArray()) {
			out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return out.toString();
	}

	/**
	 * The code with the lowest unused bit of its last character set: the same bytes to a
	 * lenient base64 decoder, another spelling.
	 */
	static String respelled(String content) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		char last = content.charAt(content.length() - 1);
		return content.substring(0, content.length() - 1) + alphabet.charAt(alphabet.indexOf(last) | 1);
	}

	static String token(String content) {
		return content.substring(content.lastIndexOf('/') + 1);
	}

	static byte[] bytes(String content) {
		return Base64.getUrlDecoder().decode(token(content));
	}

}
