package dev.fugong.shared.security;

import java.util.Optional;

/**
 * Which client a token was issued to. Mini-program and console tokens are not
 * interchangeable: each endpoint names the audiences it accepts.
 */
public enum Audience {

	MINI_PROGRAM("fugong-miniprogram"), CONSOLE("fugong-console");

	private final String value;

	Audience(String value) {
		this.value = value;
	}

	/** The {@code aud} claim. */
	public String value() {
		return value;
	}

	public String authority() {
		return "AUD_" + name();
	}

	public static Optional<Audience> fromValue(String value) {
		for (Audience audience : values()) {
			if (audience.value.equals(value)) {
				return Optional.of(audience);
			}
		}
		return Optional.empty();
	}

}
