package dev.fugong.shared.validation;

/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a
 * 31-character alphabet, the last a check character over the first 17. Written by hand:
 * no maintained library implements this check.
 */
public final class Uscc {

	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	private Uscc() {
	}

	/** True for an 18-character upper-case code whose check character is right. */
	public static boolean isValid(String code) {
		if (code == null || code.length() != 18) {
			return false;
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(code.charAt(i)) < 0) {
				return false;
			}
		}
		return checkCharacter(code.substring(0, 17)) == code.charAt(17);
	}

	/** The check character for the first 17 characters of a code. */
	public static char checkCharacter(String first17) {
		if (first17 == null || first17.length() != 17) {
			throw new IllegalArgumentException("need exactly 17 characters");
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int value = ALPHABET.indexOf(first17.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("character outside the USCC alphabet at " + i);
			}
			sum += value * WEIGHTS[i];
		}
		return ALPHABET.charAt((31 - sum % 31) % 31);
	}

}
