package dev.fugong.shared.problem;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem {@code code}s a handler method answers beyond the ones every endpoint of
 * its kind gives (401 without a token, 403 for a role, 404 for a path id, 400 for bad
 * input: the API document derives those). Only documentation: the API document lists them
 * under their statuses, and a test checks every code named here is one the service really
 * throws (dev.fugong.apidoc).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemCodes {

	/** The codes, such as {@code "phone_not_bound"}. */
	String[] value();

}
