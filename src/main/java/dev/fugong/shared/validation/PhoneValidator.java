package dev.fugong.shared.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class PhoneValidator implements ConstraintValidator<ValidPhone, String> {

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || Phone.normalize(value) != null;
	}

}
