package dev.fugong.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reading QR codes back out of images, as a camera app would. */
public final class QrImages {

	private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

	private QrImages() {
	}

	/** The text of the QR code in this PNG, or a description of why none was read. */
	public static String decode(byte[] png) {
		try {
			return decode(ImageIO.read(new ByteArrayInputStream(png)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The text of the QR code on the first page of this PDF, read as a phone's camera
	 * does: frame after frame at changing distances until one reads. A single rendering
	 * at one resolution lands some module edges on pixel boundaries that anti-aliasing
	 * greys out; for about one random code in a thousand zxing then misses the code at
	 * that resolution while it reads it at the next.
	 */
	public static String decodePdf(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDFRenderer renderer = new PDFRenderer(document);
			String read = null;
			for (int dpi : new int[] { 300, 250, 400, 600 }) {
				read = decode(renderer.renderImageWithDPI(0, dpi));
				if (!read.startsWith("nothing (")) {
					return read;
				}
			}
			return read;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * As a phone's scanner does, frame after frame: zxing's reader trying harder, with
	 * its local binarizer and then its global one. One binarization of a PDF rendered
	 * with anti-aliased module edges missed about one card in a thousand.
	 */
	public static String decode(BufferedImage image) {
		LuminanceSource source = new BufferedImageLuminanceSource(image);
		ReaderException last = null;
		for (Binarizer binarizer : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
			try {
				return new QRCodeReader().decode(new BinaryBitmap(binarizer), HINTS).getText();
			}
			catch (ReaderException ex) {
				last = ex;
			}
		}
		return "nothing (" + last.getClass().getSimpleName() + ")";
	}

}
