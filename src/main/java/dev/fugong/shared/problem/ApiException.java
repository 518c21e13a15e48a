package dev.fugong.shared.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A failure a client can act on, rendered as an RFC 9457 problem with a stable
 * {@code code}. Features throw the subclasses below or their own subclasses; never put
 * client input in the detail verbatim.
 */
public class ApiException extends ErrorResponseException {

	public ApiException(HttpStatus status, String code, String detail) {
		super(status, ProblemCode.problem(status, code, detail), null);
	}

	public String code() {
		return (String) getBody().getProperties().get("code");
	}

	/**
	 * 404: also what a caller gets for a record outside its scope, so existence does not
	 * leak.
	 */
	public static class NotFound extends ApiException {

		public NotFound(String what) {
			super(HttpStatus.NOT_FOUND, ProblemCode.NOT_FOUND, what + " not found");
		}

	}

	/** 403: the caller's role or scope does not allow this. */
	public static class Forbidden extends ApiException {

		public Forbidden(String code, String detail) {
			super(HttpStatus.FORBIDDEN, code, detail);
		}

	}

	/** 409: the request conflicts with the current state. */
	public static class Conflict extends ApiException {

		public Conflict(String code, String detail) {
			super(HttpStatus.CONFLICT, code, detail);
		}

	}

	/**
	 * 400 for a field that is well-formed but refers to something that does not exist.
	 */
	public static class InvalidField extends ApiException {

		public InvalidField(String field, String message) {
			super(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION_FAILED, "The request has invalid fields.");
			getBody().setProperty("errors", java.util.List.of(java.util.Map.of("field", field, "message", message)));
		}

	}

}
