package dev.fugong.shared.validation;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class BigDecimalTemperatureValidator implements ConstraintValidator<ValidTemperature, BigDecimal> {

	private static final BigDecimal MIN = BigDecimal.valueOf(TemperatureValidator.MIN);

	private static final BigDecimal MAX = BigDecimal.valueOf(TemperatureValidator.MAX);

	@Override
	public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
		return value == null || (value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0);
	}

}
