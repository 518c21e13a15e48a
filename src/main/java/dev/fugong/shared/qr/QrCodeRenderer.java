package dev.fugong.shared.qr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
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

	/** The modules of {@code content}'s code, one bit each, without quiet zone. */
	public static BitMatrix modules(String content) {
		return encode(content, 0, 0);
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

	static byte[] renderPng(String content, int pixels, int margin) {
		BitMatrix matrix = encode(content, pixels, margin);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			MatrixToImageWriter.writeToStream(matrix, "PNG", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Written by hand because zxing writes bitmaps only. Each row's runs of dark modules
	 * become one rectangle of the path, in module units scaled by the view box.
	 */
	static byte[] renderSvg(String content, int pixels, int margin) {
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

	private static BitMatrix encode(String content, int pixels, int margin) {
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, pixels, pixels,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, margin));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("content does not fit a QR code", ex);
		}
	}

}
