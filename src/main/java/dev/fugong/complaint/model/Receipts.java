package dev.fugong.complaint.model;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * A complaint's receipt: 80 random bits in Crockford's base32 (no I, L, O, U), shown as
 * four groups of four ({@code 7K3M-9QXD-2HBA-F0RT}), easy to read out on the phone. It is
 * the reporter's only key to its complaint, so it is unguessable and stored hashed.
 */
public final class Receipts {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Receipts() {
	}

	public static String generate() {
		StringBuilder receipt = new StringBuilder(19);
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				receipt.append('-');
			}
			receipt.append(ALPHABET[RANDOM.nextInt(32)]);
		}
		return receipt.toString();
	}

	/**
	 * The receipt as stored: upper case, no dashes or spaces, the look-alikes read as
	 * Crockford says (I, L → 1; O → 0); null if it cannot be a receipt.
	 */
	public static String normalize(String receipt) {
		if (receipt == null || receipt.length() > 40) {
			return null;
		}
		StringBuilder normal = new StringBuilder(16);
		for (char c : receipt.toUpperCase(Locale.ROOT).toCharArray()) {
			if (c == '-' || c == ' ') {
				continue;
			}
			char mapped = switch (c) {
				case 'I', 'L' -> '1';
				case 'O' -> '0';
				default -> c;
			};
			if (new String(ALPHABET).indexOf(mapped) < 0) {
				return null;
			}
			normal.append(mapped);
		}
		return normal.length() == 16 ? normal.toString() : null;
	}

}
