package dev.fugong.plate.model;

/**
 * Why a plate change is refused: a stable code, the field at fault (for a 400) or null,
 * and a message for people. No Spring here: the service maps it to a problem.
 */
public record PlateRefusal(Kind kind, String code, String field, String message) {

	/** How the refusal answers: bad input, a conflict with the state, or not allowed. */
	public enum Kind {

		INVALID, CONFLICT, FORBIDDEN

	}

	static PlateRefusal invalid(String field, String message) {
		return new PlateRefusal(Kind.INVALID, "validation_failed", field, message);
	}

	static PlateRefusal conflict(String code, String message) {
		return new PlateRefusal(Kind.CONFLICT, code, null, message);
	}

	static PlateRefusal forbidden(String code, String message) {
		return new PlateRefusal(Kind.FORBIDDEN, code, null, message);
	}

}
