package dev.fugong.shared.crypto;

/**
 * How personal data is shown in answers: enough to recognise, not enough to identify.
 * Follows the masking used on Chinese government health-code pages (138****5678, 张*三).
 */
public final class Masking {

	private Masking() {
	}

	/** {@code 13812345678} → {@code 138****5678}. */
	public static String phone(String phone) {
		if (phone == null) {
			return null;
		}
		if (phone.length() < 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
	}

	/**
	 * {@code 张三} → {@code 张*}; {@code 欧阳娜娜} → {@code 欧**娜}; first and last character
	 * kept.
	 */
	public static String name(String name) {
		if (name == null || name.isEmpty()) {
			return name;
		}
		int[] cps = name.codePoints().toArray();
		if (cps.length == 1) {
			return "*";
		}
		if (cps.length == 2) {
			return new String(cps, 0, 1) + "*";
		}
		return new String(cps, 0, 1) + "*".repeat(cps.length - 2) + new String(cps, cps.length - 1, 1);
	}

	/** An 18-character ID number keeps its first 3 and last 4 characters. */
	public static String idNumber(String idNumber) {
		if (idNumber == null) {
			return null;
		}
		if (idNumber.length() < 8) {
			return "*".repeat(idNumber.length());
		}
		return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7) + idNumber.substring(idNumber.length() - 4);
	}

}
