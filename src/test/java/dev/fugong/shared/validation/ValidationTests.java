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

	record Typed(@PlainText String name, @PlainText(multiline = true) String notes) {
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
	void plainTextRefusesControlCharactersAndUnpairedSurrogates() {
		for (String bad : new String[] { "a\u0000b", "\u0000", "a\u0001", "\u001fa", "a\u007fb", "a\u0080b", "a\u0085b",
				"a\u009fb", "tab\there", "line\nbreak", "carriage\rreturn", "\u001b[2J", "a\ud800b", "a\udc00",
				"\ud83d", "\ude00\ud83d" }) {
			assertThat(validator.validate(new Typed(bad, null))).as("name %s", bad.chars().boxed().toList())
				.singleElement()
				.satisfies(violation -> assertThat(violation.getMessage())
					.isEqualTo("must not contain control characters or unpaired surrogates"));
		}
		for (String good : new String[] { "", " ", "瑞润电子有限公司", "东门 (North) #2", "A\u00a0B", "😀 emoji", "\ud83d\ude00",
				"\u200b\u202e", "${7*7}" }) {
			assertThat(validator.validate(new Typed(good, null))).as("name %s", good).isEmpty();
		}
		assertThat(validator.validate(new Typed(null, null))).isEmpty();
	}

	@Test
	void multilinePlainTextAllowsLineBreaksAndTabsOnly() {
		assertThat(validator.validate(new Typed(null, "第一行\r\n第二行\n\t缩进"))).isEmpty();
		assertThat(validator.validate(new Typed(null, "a\u0000b"))).hasSize(1);
		assertThat(validator.validate(new Typed(null, "a\u000bb"))).hasSize(1);
		assertThat(validator.validate(new Typed(null, "a\ud800"))).hasSize(1);
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
