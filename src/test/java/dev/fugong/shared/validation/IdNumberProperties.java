package dev.fugong.shared.validation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GB 11643-1999 ID numbers (ISO 7064 MOD 11-2), over generated numbers with real birth
 * dates.
 */
class IdNumberProperties {

	@Property
	void everyValidNumberIsAccepted(@ForAll("validNumbers") String number) {
		assertThat(IdNumber.isValid(number)).isTrue();
	}

	@Property
	void everySingleDigitChangeIsRejected(@ForAll("validNumbers") String number,
			@ForAll @IntRange(min = 0, max = 16) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
		char replacement = (char) ('0' + (number.charAt(position) - '0' + shift) % 10);
		String changed = number.substring(0, position) + replacement + number.substring(position + 1);

		assertThat(IdNumber.isValid(changed)).isFalse();
	}

	@Property
	void aWrongCheckCharacterIsRejected(@ForAll("validNumbers") String number,
			@ForAll @IntRange(min = 1, max = 10) int shift) {
		String checks = "0123456789X";
		char wrong = checks.charAt((checks.indexOf(number.charAt(17)) + shift) % 11);

		assertThat(IdNumber.isValid(number.substring(0, 17) + wrong)).isFalse();
	}

	@Property
	void impossibleBirthDatesAreRejectedEvenWithTheRightCheckCharacter(@ForAll("regions") String region,
			@ForAll("impossibleDates") String date) {
		String first17 = region + date + "123";
		assertThat(IdNumber.isValid(first17 + IdNumber.checkCharacter(first17))).isFalse();
	}

	@Provide
	Arbitrary<String> validNumbers() {
		Arbitrary<LocalDate> births = Arbitraries.longs()
			.between(LocalDate.of(1920, 1, 1).toEpochDay(), LocalDate.of(2025, 12, 31).toEpochDay())
			.map(LocalDate::ofEpochDay);
		return Combinators.combine(regions(), births, Arbitraries.strings().numeric().ofLength(3))
			.as((region, birth, sequence) -> region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + sequence)
			.map(first17 -> first17 + IdNumber.checkCharacter(first17));
	}

	@Provide
	Arbitrary<String> regions() {
		return Arbitraries.strings().numeric().ofLength(6);
	}

	@Provide
	Arbitrary<String> impossibleDates() {
		return Arbitraries.of("19990230", "20010229", "19991301", "19990001", "19990132", "18991231", "21010101");
	}

}
