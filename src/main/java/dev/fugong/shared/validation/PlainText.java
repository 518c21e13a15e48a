package dev.fugong.shared.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text a person typed: no control characters (C0, DEL, C1) and no unpaired surrogates.
 * PostgreSQL refuses NUL in {@code text} (a 500 before this check); the other control
 * characters break single-line displays, CSV exports and logs; an unpaired surrogate is
 * not text at all and would be stored as {@code ?}. Put it on every free-text field of
 * every request record. Null is valid: combine with {@code @NotNull} or {@code @NotBlank}
 * where the value is required.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE,
		ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	// A fixed message: never interpolate what the client sent.
	String message() default "must not contain control characters or unpaired surrogates";

	/** Also allow line feeds, carriage returns and tabs (notes, descriptions). */
	boolean multiline() default false;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
