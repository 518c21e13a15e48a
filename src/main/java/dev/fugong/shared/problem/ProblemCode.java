package dev.fugong.shared.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The stable machine codes of problem responses. Clients switch on {@code code}; the
 * {@code type} URI is derived from it and documented in api-spec/openapi.yaml.
 */
public final class ProblemCode {

	public static final String VALIDATION_FAILED = "validation_failed";

	public static final String MALFORMED_REQUEST = "malformed_request";

	public static final String UNAUTHORIZED = "unauthorized";

	public static final String INVALID_TOKEN = "invalid_token";

	public static final String FORBIDDEN = "forbidden";

	public static final String OUT_OF_SCOPE = "out_of_scope";

	public static final String NOT_FOUND = "not_found";

	public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

	public static final String NOT_ACCEPTABLE = "not_acceptable";

	public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";

	public static final String CONFLICT = "conflict";

	public static final String CONCURRENT_UPDATE = "concurrent_update";

	public static final String PRECONDITION_FAILED = "precondition_failed";

	public static final String PAYLOAD_TOO_LARGE = "payload_too_large";

	public static final String RATE_LIMITED = "rate_limited";

	public static final String DEPENDENCY_UNAVAILABLE = "dependency_unavailable";

	public static final String INTERNAL_ERROR = "internal_error";

	private static final String TYPE_BASE = "https://fugong.dev/problems/";

	private ProblemCode() {
	}

	/** A problem with its {@code type} and {@code code} set. */
	public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		apply(problem, code);
		return problem;
	}

	public static void apply(ProblemDetail problem, String code) {
		problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
		problem.setProperty("code", code);
	}

	/** The code a bare status gets when nothing more specific is known. */
	public static String forStatus(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		if (known == null) {
			return status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL_ERROR;
		}
		return switch (known) {
			case BAD_REQUEST -> MALFORMED_REQUEST;
			case UNAUTHORIZED -> UNAUTHORIZED;
			case FORBIDDEN -> FORBIDDEN;
			case NOT_FOUND -> NOT_FOUND;
			case METHOD_NOT_ALLOWED -> METHOD_NOT_ALLOWED;
			case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
			case CONFLICT -> CONFLICT;
			case PRECONDITION_FAILED -> PRECONDITION_FAILED;
			case CONTENT_TOO_LARGE -> PAYLOAD_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> UNSUPPORTED_MEDIA_TYPE;
			case TOO_MANY_REQUESTS -> RATE_LIMITED;
			case SERVICE_UNAVAILABLE -> DEPENDENCY_UNAVAILABLE;
			default -> status.is4xxClientError() ? MALFORMED_REQUEST : INTERNAL_ERROR;
		};
	}

}
