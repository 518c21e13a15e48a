package dev.fugong.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class UsccValidator implements ConstraintValidator<ValidUscc, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || Uscc.isValid(value);
	}

}
