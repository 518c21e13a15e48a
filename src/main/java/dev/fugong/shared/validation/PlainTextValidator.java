package dev.fugong.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

	private boolean multiline;

	@Override
	public void initialize(PlainText annotation) {
		this.multiline = annotation.multiline();
	}

	@Override
	public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
		return value == null || isPlain(value, multiline);
	}

	/**
	 * Whether {@code text} holds no control character (Unicode category Cc: U+0000 to
	 * U+001F, U+007F to U+009F), apart from line feed, carriage return and tab when
	 * {@code multiline}, and no surrogate outside a pair. Public for text that arrives
	 * outside a request record (the cells of an uploaded staff sheet).
	 */
	public static boolean isPlain(CharSequence text, boolean multiline) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
			else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
				return false;
			}
		}
		return true;
	}

}
