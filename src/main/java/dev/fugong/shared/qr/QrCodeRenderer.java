package dev.fugong.shared.qr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Ordinary URL QR codes (zxing), rendered off the event loop: WeChat's "scan an ordinary
 * link QR code to open the mini-program" rule routes them, and any camera reads them.
 */
@Component
public class QrCodeRenderer {

	public static final int MIN_SIZE = 128;

	public static final int MAX_SIZE = 1024;

	/**
	 * A PNG of {@code content}, {@code size} pixels square (clamped), error correction M.
	 */
	public Mono<byte[]> png(String content, int size) {
		int pixels = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
		return Mono.fromCallable(() -> render(content, pixels)).subscribeOn(Schedulers.boundedElastic());
	}

	private static byte[] render(String content, int pixels) {
		try {
			var matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, pixels, pixels,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
							EncodeHintType.CHARACTER_SET, "UTF-8"));
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			MatrixToImageWriter.writeToStream(matrix, "PNG", out);
			return out.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("content does not fit a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
