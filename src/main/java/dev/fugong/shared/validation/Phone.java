package dev.fugong.shared.validation;

import java.util.regex.Pattern;

/** Mainland China mobile numbers: 11 digits, {@code 1[3-9]xxxxxxxxx}. */
public final class Phone {

	private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

	private Phone() {
	}

	public static boolean isValid(String phone) {
		return phone != null && MOBILE.matcher(phone).matches();
	}

	/**
	 * The 11-digit form of a number written with spaces, hyphens or a
	 * {@code +86}/{@code 86} prefix; null when it is not a mainland mobile number.
	 */
	public static String normalize(String phone) {
		if (phone == null) {
			return null;
		}
		String digits = SEPARATORS.matcher(phone).replaceAll("");
		if (digits.startsWith("+86")) {
			digits = digits.substring(3);
		}
		else if (digits.startsWith("86") && digits.length() == 13) {
			digits = digits.substring(2);
		}
		return isValid(digits) ? digits : null;
	}

}
