package dev.fugong.shared.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A body temperature a thermometer can read: 34.0 to 43.0 °C; NaN and infinities are not.
 */
@Documented
@Constraint(validatedBy = { TemperatureValidator.class, BigDecimalTemperatureValidator.class })
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE,
		ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidTemperature {

	String message() default "must be between 34.0 and 43.0 °C";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
