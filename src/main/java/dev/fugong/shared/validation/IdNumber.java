package dev.fugong.shared.validation;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The 18-character resident ID number of GB 11643-1999: 17 digits, the 7th to 14th a
 * birth date, then an ISO 7064 MOD 11-2 check character (0-9 or X). Written by hand: no
 * maintained library implements this check.
 */
public final class IdNumber {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK = "10X98765432";

	private IdNumber() {
	}

	public static boolean isValid(String number) {
		if (number == null || number.length() != 18) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			if (!isDigit(number.charAt(i))) {
				return false;
			}
		}
		return hasValidBirthDate(number) && checkCharacter(number.substring(0, 17)) == number.charAt(17);
	}

	public static char checkCharacter(String first17) {
		if (first17 == null || first17.length() != 17) {
			throw new IllegalArgumentException("need exactly 17 digits");
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			char c = first17.charAt(i);
			if (!isDigit(c)) {
				throw new IllegalArgumentException("not a digit at " + i);
			}
			sum += (c - '0') * WEIGHTS[i];
		}
		return CHECK.charAt(sum % 11);
	}

	private static boolean hasValidBirthDate(String number) {
		int year = Integer.parseInt(number.substring(6, 10));
		if (year < 1900 || year > 2100) {
			return false;
		}
		try {
			LocalDate.of(year, Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
