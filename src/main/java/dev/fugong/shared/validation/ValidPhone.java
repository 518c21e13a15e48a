package dev.fugong.shared.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** Null is valid: combine with {@code @NotNull} where the value is required. */
@Documented
@Constraint(validatedBy = PhoneValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE,
		ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidPhone {

	// A fixed message: never interpolate what the client sent.
	String message() default "must be an 11-digit mainland mobile number";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
