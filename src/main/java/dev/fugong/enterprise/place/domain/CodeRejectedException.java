package dev.fugong.enterprise.place.domain;

import dev.fugong.shared.problem.ApiException;

/** A refused code, answered as a problem whose {@code code} is the reason. */
public class CodeRejectedException extends ApiException {

	private final CodeRejection reason;

	public CodeRejectedException(CodeRejection reason) {
		super(reason.status(), reason.code(), reason.message());
		this.reason = reason;
	}

	/**
	 * Refusals are frequent (every forged or stale code) and their stack says nothing.
	 */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

	public CodeRejection reason() {
		return reason;
	}

}
