package dev.fugong.enterprise.web;

final class Text {

	private Text() {
	}

	static String strip(String value) {
		return value == null ? null : value.strip();
	}

}
