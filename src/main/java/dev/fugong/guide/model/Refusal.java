package dev.fugong.guide.model;

/**
 * Why a rule refuses: a conflict with the current state (409, {@code code}), or a field
 * that cannot be accepted (400 naming {@code field}).
 *
 * @param code the problem's code (for a field, {@code validation_failed})
 * @param field the field at fault, or null for a conflict
 * @param message what to tell the client; never the client's own input
 */
public record Refusal(String code, String field, String message) {

	public static Refusal conflict(String code, String message) {
		return new Refusal(code, null, message);
	}

	public static Refusal invalid(String field, String message) {
		return new Refusal("validation_failed", field, message);
	}

	public boolean isField() {
		return field != null;
	}

}
