package dev.fugong.shared.validation;

import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationTests {

	final Validator validator = Validation.byDefaultProvider()
		.configure()
		.messageInterpolator(new ParameterMessageInterpolator())
		.buildValidatorFactory()
		.getValidator();

	record Sample(@ValidUscc String uscc, @ValidPhone String phone, @ValidIdNumber String idNumber,
			@ValidTemperature Double temperature) {
	}

	@Test
	void knownCodes() {
		// 9135010 0M000100Y4 → sum of value × weight = 617 → 617 mod 31 = 28 → 31 − 28 =
		// 3.
		assertThat(Uscc.checkCharacter("91350100M000100Y4")).isEqualTo('3');
		assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
		assertThat(Uscc.isValid("91350100M000100Y44")).isFalse();
		// The published example of GB 11643: 11010519491231002X.
		assertThat(IdNumber.isValid("11010519491231002X")).isTrue();
		assertThat(IdNumber.isValid("110105194912310021")).isFalse();
	}

	@Test
	void phoneNumbersAreNormalised() {
		assertThat(Phone.normalize("+86 138-0013-8000")).isEqualTo("13800138000");
		assertThat(Phone.normalize("8613800138000")).isEqualTo("13800138000");
		assertThat(Phone.normalize("12800138000")).isNull();
		assertThat(Phone.normalize("1380013800")).isNull();
		assertThat(Phone.normalize("138001380000")).isNull();
		assertThat(Phone.normalize(null)).isNull();
	}

	@Test
	void temperatureBoundaries() {
		assertThat(violations(new Sample(null, null, null, 33.9))).hasSize(1);
		assertThat(violations(new Sample(null, null, null, 34.0))).isEmpty();
		assertThat(violations(new Sample(null, null, null, 43.0))).isEmpty();
		assertThat(violations(new Sample(null, null, null, 43.1))).hasSize(1);
		assertThat(violations(new Sample(null, null, null, Double.NaN))).hasSize(1);
		assertThat(violations(new Sample(null, null, null, Double.POSITIVE_INFINITY))).hasSize(1);
		assertThat(violations(new Sample(null, null, null, null))).isEmpty();
	}

	@Test
	void aViolationMessageNeverEchoesTheValue() {
		String submitted = "${1+1}91350100M000100Y44";
		Set<ConstraintViolation<Sample>> violations = violations(new Sample(submitted, "${7*7}", "#{1}", null));

		assertThat(violations).hasSize(3)
			.allSatisfy(violation -> assertThat(violation.getMessage()).doesNotContain("${", "#{", "91350100", "49"));
	}

	private Set<ConstraintViolation<Sample>> violations(Sample sample) {
		return validator.validate(sample);
	}

}
