package dev.fugong.shared.qr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.support.QrImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes survive rendering: random codes of every kind drawn as PNG are read back by
 * zxing's decoder exactly, and the hand-written SVG draws exactly zxing's modules.
 */
class QrRoundTripTests {

	private final CodeFormat format = new CodeFormat("https://fugong.example.gov.cn",
			List.of(new CodeFormat.Key(3, "0123456789abcdef0123456789abcdef".getBytes())), List.of());

	private final Random random = new Random(20261122);

	@Test
	void aThousandRandomCodesRenderedAsPngDecodeToThemselves() {
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			String content = randomCode(i);
			int size = 128 + random.nextInt(400);
			int margin = random.nextInt(QrCodeRenderer.MAX_MARGIN + 1);
			String decoded = QrImages.decode(QrCodeRenderer.renderPng(content, size, margin));
			if (!content.equals(decoded)) {
				mismatches.add(content + " (size " + size + ", margin " + margin + ") read as " + decoded);
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void theSvgDrawsExactlyTheModulesOfTheCode() {
		for (int i = 0; i < 50; i++) {
			String content = randomCode(i);
			int margin = random.nextInt(5);
			String svg = new String(QrCodeRenderer.renderSvg(content, 512, margin));
			BitMatrix expected = QrCodeRenderer.modules(content);
			int width = expected.getWidth();
			assertThat(svg).contains("viewBox=\"0 0 " + (width + 2 * margin) + " " + (width + 2 * margin) + "\"");
			BitMatrix drawn = new BitMatrix(width);
			Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
			while (run.find()) {
				int x = Integer.parseInt(run.group(1)) - margin;
				int y = Integer.parseInt(run.group(2)) - margin;
				drawn.setRegion(x, y, Integer.parseInt(run.group(3)), 1);
			}
			assertThat(drawn).isEqualTo(expected);
		}
	}

	private String randomCode(int i) {
		UUID id = new UUID(random.nextLong(), random.nextLong());
		return switch (i % 4) {
			case 0 -> format.place(id, 1 + random.nextInt(Integer.MAX_VALUE));
			case 1 -> format.dynamicPlace(id, 1 + random.nextInt(1000), random.nextInt(Integer.MAX_VALUE));
			case 2 -> format.pass(id, Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1 << 30)));
			default -> format.card(id);
		};
	}

}
