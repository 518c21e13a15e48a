package dev.fugong.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class TemperatureValidator implements ConstraintValidator<ValidTemperature, Double> {

	static final double MIN = 34.0;

	static final double MAX = 43.0;

	@Override
	public boolean isValid(Double value, ConstraintValidatorContext context) {
		return value == null || (value >= MIN && value <= MAX);
	}

}
