package dev.fugong.enterprise.place.domain;

import org.springframework.http.HttpStatus;

/**
 * Why a scanned code was refused: each a stable problem {@code code}, so the mini-program
 * and the gate app can tell the person what to do. Nothing inside a code is trusted
 * before its signature is checked; reasons after that point may name what the code
 * carried.
 */
public enum CodeRejection {

	TOO_LONG(HttpStatus.BAD_REQUEST, "code_too_long", "This is not a Fugong code (too long)."),

	NOT_ASCII(HttpStatus.BAD_REQUEST, "code_not_ascii", "This is not a Fugong code (unexpected characters)."),

	NOT_A_URL(HttpStatus.BAD_REQUEST, "code_not_a_url", "This is not a Fugong code (not a link)."),

	WRONG_HOST(HttpStatus.BAD_REQUEST, "code_wrong_host", "This code was not issued by this platform."),

	WRONG_PREFIX(HttpStatus.BAD_REQUEST, "code_wrong_prefix", "This link is not a Fugong code."),

	BAD_ENCODING(HttpStatus.BAD_REQUEST, "code_bad_encoding", "The code is damaged; scan it again."),

	MALFORMED(HttpStatus.BAD_REQUEST, "code_malformed", "The code is damaged or incomplete; scan it again."),

	UNKNOWN_KEY(HttpStatus.BAD_REQUEST, "code_unknown_key", "This code was not signed by this platform."),

	BAD_SIGNATURE(HttpStatus.BAD_REQUEST, "code_bad_signature", "This code is not genuine."),

	KEY_WITHDRAWN(HttpStatus.GONE, "code_key_withdrawn",
			"This code was withdrawn. Ask the enterprise for a newly printed one."),

	WRONG_KIND(HttpStatus.BAD_REQUEST, "code_wrong_kind", "This kind of code cannot be used here."),

	PLACE_NOT_FOUND(HttpStatus.GONE, "code_place_gone", "This place no longer exists."),

	ROTATED(HttpStatus.GONE, "code_rotated", "This code was replaced. Scan the newly posted one."),

	EXPIRED(HttpStatus.GONE, "code_expired", "This code has expired. Scan the current one."),

	NOT_YET_VALID(HttpStatus.BAD_REQUEST, "code_not_yet_valid", "This code is not valid yet; check the device clock."),

	PASS_EXPIRED(HttpStatus.GONE, "pass_code_expired", "The pass code has expired. Ask the person to refresh it."),

	PASS_REVOKED(HttpStatus.GONE, "pass_code_revoked", "The pass code is no longer valid."),

	CARD_REVOKED(HttpStatus.GONE, "pass_card_revoked", "This pass card was revoked.");

	private final HttpStatus status;

	private final String code;

	private final String message;

	CodeRejection(HttpStatus status, String code, String message) {
		this.status = status;
		this.code = code;
		this.message = message;
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public String message() {
		return message;
	}

}
