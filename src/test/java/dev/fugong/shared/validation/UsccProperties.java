package dev.fugong.shared.validation;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** GB 32100-2015 check characters, over generated codes. */
class UsccProperties {

	@Property
	void everyValidCodeIsAccepted(@ForAll("validCodes") String code) {
		assertThat(Uscc.isValid(code)).isTrue();
	}

	/**
	 * 31 is prime and no weight is a multiple of it, so changing any one character
	 * changes the weighted sum modulo 31: every single substitution is caught, the check
	 * character's too.
	 */
	@Property
	void everySingleCharacterChangeIsRejected(@ForAll("validCodes") String code,
			@ForAll @IntRange(min = 0, max = 17) int position, @ForAll @IntRange(min = 1, max = 30) int shift) {
		char original = code.charAt(position);
		char replacement = Uscc.ALPHABET.charAt((Uscc.ALPHABET.indexOf(original) + shift) % 31);
		String changed = code.substring(0, position) + replacement + code.substring(position + 1);

		assertThat(Uscc.isValid(changed)).isFalse();
	}

	@Property
	void wrongLengthsAreRejected(@ForAll("validCodes") String code, @ForAll @IntRange(min = 0, max = 17) int cut) {
		assertThat(Uscc.isValid(code.substring(0, cut))).isFalse();
		assertThat(Uscc.isValid(code + "0")).isFalse();
	}

	@Property
	void lettersOutsideTheAlphabetAreRejected(@ForAll("validCodes") String code,
			@ForAll @IntRange(min = 0, max = 17) int position, @ForAll("excludedLetters") char letter) {
		assertThat(Uscc.isValid(code.substring(0, position) + letter + code.substring(position + 1))).isFalse();
	}

	@Property
	void lowerCaseIsRejected(@ForAll("validCodes") String code) {
		String lower = code.toLowerCase();
		if (!lower.equals(code)) {
			assertThat(Uscc.isValid(lower)).isFalse();
		}
	}

	@Provide
	Arbitrary<String> validCodes() {
		return Arbitraries.strings()
			.withChars(Uscc.ALPHABET.toCharArray())
			.ofLength(17)
			.map(first17 -> first17 + Uscc.checkCharacter(first17));
	}

	@Provide
	Arbitrary<Character> excludedLetters() {
		return Arbitraries.of('I', 'O', 'Z', 'S', 'V', 'i', '-', ' ', '中');
	}

}
