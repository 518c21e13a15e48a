package dev.fugong.enterprise.web;

final class Text {

	private Text() {
	}

	static String strip(String value) {
		return value == null ? null : value.strip();
	}

	/** Stripped, and null when nothing is left: an optional free-text field not given. */
	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
