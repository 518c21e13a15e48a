package dev.fugong.inspection;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fugong.enterprise.domain.Plate;
import dev.fugong.inspection.model.InspectionKind;
import dev.fugong.inspection.model.PlateOutcome;
import dev.fugong.inspection.model.Sampling;
import dev.fugong.inspection.model.Sampling.Candidate;
import dev.fugong.inspection.model.Sampling.Pick;
import dev.fugong.inspection.model.Sampling.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The plan's draw (seed 000: at least a third; large enterprises always) and what an
 * inspection's result does to a plate.
 */
class SamplingTests {

	static final BigDecimal THIRD = Sampling.ONE_THIRD;

	@Test
	void atLeastAThirdOfEveryPopulationIsDrawn() {
		for (int n = 0; n <= 90; n++) {
			List<Candidate> population = population(n, 10);
			List<Pick> picks = Sampling.draw(population, THIRD, 300, "seed-" + n);
			assertThat(picks.size() * 3).as("population of %d", n).isGreaterThanOrEqualTo(n);
			assertThat(picks.size()).isEqualTo((n + 2) / 3);
			assertThat(picks).extracting(Pick::id).doesNotHaveDuplicates();
		}
	}

	@ParameterizedTest(name = "{0} of {1}: {2}")
	@CsvSource({ "0.5, 10, 5", "0.5, 9, 5", "1, 7, 7", "0.3333, 3, 1", "0.34, 100, 34", "0.9, 11, 10" })
	void theFractionAskedIsDrawnRoundedUp(BigDecimal fraction, int n, int expected) {
		assertThat(Sampling.draw(population(n, 10), fraction, 300, "s")).hasSize(expected);
	}

	@Test
	void aFractionUnderAThirdOrOverOneIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Sampling.draw(population(9, 10), new BigDecimal("0.3332"), 300, "s"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Sampling.draw(population(9, 10), new BigDecimal("1.01"), 300, "s"));
	}

	@Test
	void enterprisesAtOrAboveTheHeadcountAreAlwaysIn() {
		List<Candidate> population = new ArrayList<>(population(30, 10));
		Candidate big = new Candidate(UUID.randomUUID(), 300);
		Candidate bigger = new Candidate(UUID.randomUUID(), 800);
		Candidate justUnder = new Candidate(UUID.randomUUID(), 299);
		population.addAll(List.of(big, bigger, justUnder));
		for (String seed : List.of("a", "b", "c", "d", "e")) {
			List<Pick> picks = Sampling.draw(population, THIRD, 300, seed);
			assertThat(picks).filteredOn(pick -> pick.reason() == Reason.ALWAYS)
				.extracting(Pick::id)
				.containsExactlyInAnyOrder(big.id(), bigger.id());
			assertThat(picks).hasSize(11);
		}
		// More large enterprises than a third: all of them, and nothing drawn.
		List<Candidate> mostlyLarge = new ArrayList<>(population(6, 500));
		mostlyLarge.addAll(population(3, 10));
		assertThat(Sampling.draw(mostlyLarge, THIRD, 300, "x")).hasSize(6)
			.allMatch(pick -> pick.reason() == Reason.ALWAYS);
	}

	@Test
	void theSameSeedOverTheSameEnterprisesDrawsTheSameListInAnyOrder() {
		List<Candidate> population = population(60, 10);
		List<Pick> first = Sampling.draw(population, THIRD, 300, "2026-03-01-park");
		List<Candidate> shuffled = new ArrayList<>(population);
		Collections.shuffle(shuffled, new Random(7));
		assertThat(Sampling.draw(shuffled, THIRD, 300, "2026-03-01-park")).isEqualTo(first);
		assertThat(Sampling.draw(population, THIRD, 300, "another-seed")).extracting(Pick::id)
			.isNotEqualTo(first.stream().map(Pick::id).toList());
	}

	@Test
	void theRankIsTheSha256OfSeedColonIdThatAnyoneCanCompute() {
		// printf '%s' 'seed-1:00000000-0000-7000-8000-000000000101' | sha256sum
		assertThat(Sampling.rank("seed-1", UUID.fromString("00000000-0000-7000-8000-000000000101")))
			.isEqualTo("d8b469955d62e7197202f1d841eca8a1709c8485a3e60f3102cdfe5b3b9b5bae");
	}

	@Test
	void whatAResultDoesToThePlate() {
		// failures: YELLOW, then RED (repeated); a RED stays RED
		assertThat(PlateOutcome.after(InspectionKind.ROUTINE, false, null)).isEqualTo(Plate.YELLOW);
		assertThat(PlateOutcome.after(InspectionKind.ROUTINE, false, Plate.BLUE)).isEqualTo(Plate.YELLOW);
		assertThat(PlateOutcome.after(InspectionKind.COMPLAINT, false, Plate.BLUE)).isEqualTo(Plate.YELLOW);
		assertThat(PlateOutcome.after(InspectionKind.FOLLOW_UP, false, Plate.YELLOW)).isEqualTo(Plate.RED);
		assertThat(PlateOutcome.after(InspectionKind.ROUTINE, false, Plate.YELLOW)).isEqualTo(Plate.RED);
		assertThat(PlateOutcome.after(InspectionKind.FOLLOW_UP, false, Plate.RED)).isNull();
		// passes: only a follow-up gives BLUE back
		assertThat(PlateOutcome.after(InspectionKind.FOLLOW_UP, true, Plate.YELLOW)).isEqualTo(Plate.BLUE);
		assertThat(PlateOutcome.after(InspectionKind.FOLLOW_UP, true, Plate.RED)).isEqualTo(Plate.BLUE);
		assertThat(PlateOutcome.after(InspectionKind.FOLLOW_UP, true, Plate.BLUE)).isNull();
		assertThat(PlateOutcome.after(InspectionKind.ROUTINE, true, Plate.YELLOW)).isNull();
		assertThat(PlateOutcome.after(InspectionKind.ROUTINE, true, null)).isNull();
	}

	private static List<Candidate> population(int n, int headcount) {
		return IntStream.range(0, n).mapToObj(i -> new Candidate(UUID.randomUUID(), headcount)).toList();
	}

}
