package dev.fugong.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class IdNumberValidator implements ConstraintValidator<ValidIdNumber, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || IdNumber.isValid(value);
	}

}
