package dev.fugong.filing;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.filing.model.FilingGuidance;
import dev.fugong.filing.model.FilingState;
import dev.fugong.filing.model.FilingState.Action;
import dev.fugong.filing.model.Materials;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filing's state machine, every state with every action (初审 → 实地踏勘 → 批准, or
 * returned), and the guidance its materials call for.
 */
class FilingStateTests {

	/** The allowed transitions; every other pair is refused. */
	static final Map<FilingState, Map<Action, FilingState>> ALLOWED = Map.of(FilingState.SUBMITTED,
			Map.of(Action.REVIEW, FilingState.PRELIMINARY_REVIEWED, Action.RETURN, FilingState.RETURNED),
			FilingState.PRELIMINARY_REVIEWED,
			Map.of(Action.INSPECT, FilingState.SITE_INSPECTED, Action.RETURN, FilingState.RETURNED),
			FilingState.SITE_INSPECTED,
			Map.of(Action.APPROVE, FilingState.APPROVED, Action.RETURN, FilingState.RETURNED));

	static Stream<Arguments> everyPair() {
		return EnumSet.allOf(FilingState.class)
			.stream()
			.flatMap(state -> EnumSet.allOf(Action.class).stream().map(action -> Arguments.of(state, action)));
	}

	@ParameterizedTest(name = "{0} + {1}")
	@MethodSource("everyPair")
	void transition(FilingState from, Action action) {
		FilingState expected = ALLOWED.getOrDefault(from, Map.of()).get(action);
		assertThat(from.after(action)).isEqualTo(Optional.ofNullable(expected));
	}

	@Test
	void sixTransitionsAreAllowedAndNoMore() {
		long allowed = everyPair()
			.filter(pair -> ((FilingState) pair.get()[0]).after((Action) pair.get()[1]).isPresent())
			.count();
		assertThat(allowed).isEqualTo(6);
	}

	@Test
	void openFilingsTakeFilesAndSoDoesANotifiedOne() {
		assertThat(EnumSet.allOf(FilingState.class)).filteredOn(FilingState::acceptsFiles)
			.containsExactlyInAnyOrder(FilingState.SUBMITTED, FilingState.PRELIMINARY_REVIEWED,
					FilingState.SITE_INSPECTED, FilingState.FILED);
	}

	@Test
	void guidanceNamesWhatTheMaterialsLack() {
		Materials short1 = new Materials(true, false, new Materials.Staff(100, 60, 40, 2),
				new Materials.Supplies(100, 0, 0), false, "plan", "plan",
				new Materials.FiveOnes(true, true, true, true, true));
		assertThat(FilingGuidance.of(short1)).extracting(FilingGuidance.Advice::code)
			.contains("MASKS_SHORT", "THERMOMETERS_MISSING", "DISINFECTANT_MISSING", "ISOLATION_NEEDED",
					"KEY_REGION_STAFF", "NO_PREVENTION_GROUP", "DAILY_CHECKS");

		Materials ready = new Materials(true, true, new Materials.Staff(100, 100, 0, 0),
				new Materials.Supplies(1400, 20, 4), false, "plan", "plan",
				new Materials.FiveOnes(true, true, true, true, true));
		assertThat(FilingGuidance.of(ready)).extracting(FilingGuidance.Advice::code)
			.containsExactly("DAILY_CHECKS", "VENTILATION", "FEVER_REFERRAL");
	}

}
