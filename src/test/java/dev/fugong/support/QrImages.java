package dev.fugong.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reading QR codes back out of images, as a camera app would. */
public final class QrImages {

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

	public static String decode(BufferedImage image) {
		BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		try {
			return new QRCodeReader().decode(bitmap).getText();
		}
		catch (NotFoundException | ChecksumException | FormatException ex) {
			return "nothing (" + ex.getClass().getSimpleName() + ")";
		}
	}

}
