package dev.fugong.shared.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is not one of ours, not valid now, or not for this endpoint. */
public class InvalidTokenException extends AuthenticationException {

	public InvalidTokenException(String reason) {
		super(reason);
	}

	public InvalidTokenException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
