package dev.fugong.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A download: the media types of the file a handler method answers with (one of them, by
 * the request's {@code format} or the stored file's type). Only documentation: the API
 * document lists them as bytes under the success answer, where springdoc saw only
 * {@code byte[]} and wrote {@code *}{@code /*}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FileAnswer {

	/** The media types, such as {@code "text/csv"}. */
	String[] value();

}
