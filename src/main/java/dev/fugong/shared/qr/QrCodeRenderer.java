package dev.fugong.shared.qr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Ordinary URL QR codes (zxing), error correction M, rendered off the event loop:
 * WeChat's "scan an ordinary link QR code to open the mini-program" rule routes them, and
 * any camera reads them. Content is ASCII, so no character set hint: zxing would
 * otherwise add an ECI segment some readers stumble on.
 */
@Component
public class QrCodeRenderer {

	public static final int MIN_SIZE = 128;

	public static final int MAX_SIZE = 2048;

	/** Quiet zone, in modules; the standard asks for 4. */
	public static final int MAX_MARGIN = 16;

	public static final int DEFAULT_MARGIN = 4;

	/** Pixels per module and quiet zone of the drawings a chosen mask must read in. */
	private static final int[][] CHECKED_DRAWINGS = { { 3, 4 }, { 3, 2 }, { 4, 10 }, { 3, 14 }, { 5, 3 } };

	/** Smaller modules are unreliable for camera readers. */
	public static final int MIN_MODULE_PIXELS = 3;

	/**
	 * A PNG of {@code content}, {@code size} pixels square (clamped), margin 2 modules.
	 */
	public Mono<byte[]> png(String content, int size) {
		return png(content, size, 2);
	}

	/**
	 * A PNG of {@code content}, about {@code size} pixels square (clamped), with a quiet
	 * zone of {@code margin} modules.
	 */
	public Mono<byte[]> png(String content, int size, int margin) {
		int pixels = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
		int quiet = Math.max(0, Math.min(MAX_MARGIN, margin));
		return Mono.fromCallable(() -> renderPng(content, pixels, quiet)).subscribeOn(Schedulers.boundedElastic());
	}

	/** An SVG of {@code content}: one path of dark modules, crisp at any print size. */
	public Mono<byte[]> svg(String content, int size, int margin) {
		int pixels = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
		int quiet = Math.max(0, Math.min(MAX_MARGIN, margin));
		return Mono.fromCallable(() -> renderSvg(content, pixels, quiet)).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The modules of {@code content}'s code, one bit each, without quiet zone. The mask
	 * is zxing's choice unless zxing's own reader cannot find the symbol drawn with it
	 * (about 1 in 150 of our codes: the data happens to mimic a finder pattern; Android
	 * scanners built on zxing would fail on them too), then the first mask it reads.
	 */
	public static BitMatrix modules(String content) {
		ByteMatrix chosen = null;
		for (int mask = -1; mask < QRCode.NUM_MASK_PATTERNS; mask++) {
			ByteMatrix candidate = encode(content, mask);
			if (chosen == null) {
				chosen = candidate;
			}
			if (readable(content, toBits(candidate))) {
				return toBits(candidate);
			}
		}
		return toBits(chosen);
	}

	/** The QR version (1–40) {@code content} needs at error correction M. */
	public static int version(String content) {
		try {
			return Encoder.encode(content, ErrorCorrectionLevel.M).getVersion().getVersionNumber();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("content does not fit a QR code", ex);
		}
	}

	/** Synchronous: call it off the event loop. */
	public static byte[] renderPng(String content, int pixels, int margin) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			MatrixToImageWriter.writeToStream(scaled(modules(content), pixels, margin), "PNG", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * The modules with a quiet zone, each module a whole number of pixels (at least
	 * {@link #MIN_MODULE_PIXELS}), so the image is about {@code pixels} square and never
	 * blurred by scaling.
	 */
	static BitMatrix scaled(BitMatrix modules, int pixels, int margin) {
		int total = modules.getWidth() + 2 * margin;
		int scale = Math.max(MIN_MODULE_PIXELS, pixels / total);
		BitMatrix image = new BitMatrix(total * scale);
		for (int y = 0; y < modules.getHeight(); y++) {
			for (int x = 0; x < modules.getWidth(); x++) {
				if (modules.get(x, y)) {
					image.setRegion((x + margin) * scale, (y + margin) * scale, scale, scale);
				}
			}
		}
		return image;
	}

	/**
	 * Written by hand because zxing writes bitmaps only. Each row's runs of dark modules
	 * become one rectangle of the path, in module units scaled by the view box.
	 */
	public static byte[] renderSvg(String content, int pixels, int margin) {
		BitMatrix matrix = modules(content);
		int width = matrix.getWidth();
		int total = width + 2 * margin;
		StringBuilder path = new StringBuilder(width * width);
		for (int y = 0; y < width; y++) {
			int x = 0;
			while (x < width) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < width && matrix.get(x, y)) {
					x++;
				}
				path.append('M')
					.append(start + margin)
					.append(' ')
					.append(y + margin)
					.append('h')
					.append(x - start)
					.append("v1h-")
					.append(x - start)
					.append('z');
			}
		}
		String svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
					.formatted(pixels, pixels, total, total)
				+ "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
				+ "\"/></svg>\n";
		return svg.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static ByteMatrix encode(String content, int mask) {
		try {
			Map<EncodeHintType, Object> hints = (mask < 0) ? Map.of() : Map.of(EncodeHintType.QR_MASK_PATTERN, mask);
			return Encoder.encode(content, ErrorCorrectionLevel.M, hints).getMatrix();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("content does not fit a QR code", ex);
		}
	}

	private static BitMatrix toBits(ByteMatrix matrix) {
		BitMatrix bits = new BitMatrix(matrix.getWidth(), matrix.getHeight());
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y) == 1) {
					bits.set(x, y);
				}
			}
		}
		return bits;
	}

	/**
	 * Whether zxing's reader, detector included, reads the symbol at a few module sizes
	 * and quiet zones: its detector's luck with a symbol varies with both.
	 */
	private static boolean readable(String content, BitMatrix modules) {
		for (int[] drawing : CHECKED_DRAWINGS) {
			int total = modules.getWidth() + 2 * drawing[1];
			BufferedImage image = MatrixToImageWriter.toBufferedImage(scaled(modules, total * drawing[0], drawing[1]));
			BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
			try {
				if (!content.equals(new QRCodeReader().decode(bitmap).getText())) {
					return false;
				}
			}
			catch (ReaderException ex) {
				return false;
			}
		}
		return true;
	}

}
