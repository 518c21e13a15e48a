package dev.fugong.plate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.enterprise.domain.Plate;
import dev.fugong.plate.model.ChangeState;
import dev.fugong.plate.model.PlateRefusal;
import dev.fugong.plate.model.PlateRules;
import dev.fugong.plate.model.PlateSource;

import static dev.fugong.enterprise.domain.Plate.BLUE;
import static dev.fugong.enterprise.domain.Plate.RED;
import static dev.fugong.enterprise.domain.Plate.YELLOW;
import static dev.fugong.plate.model.ChangeState.AWAITING_CONFIRMATION;
import static dev.fugong.plate.model.ChangeState.EFFECTIVE;
import static dev.fugong.plate.model.PlateSource.FILING;
import static dev.fugong.plate.model.PlateSource.FOLLOW_UP;
import static dev.fugong.plate.model.PlateSource.INSPECTION;
import static dev.fugong.plate.model.PlateSource.OFFICIAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plate rules on a fixed clock (2026-03-01 10:00 in Shanghai): every colour from
 * every colour, who may confirm a RED, and when a YELLOW is overdue.
 */
class PlateRulesTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final Instant NOW = LocalDate.of(2026, 3, 1).atTime(10, 0).atZone(SHANGHAI).toInstant();

	static final LocalDate TOMORROW = LocalDate.of(2026, 3, 2);

	final PlateRules rules = new PlateRules(Clock.fixed(NOW, SHANGHAI), SHANGHAI, Duration.ofHours(72));

	/** current, wanted, source, rectifyBy → state, or the refusal's code. */
	static Stream<Arguments> proposals() {
		return Stream.of(
				// a first plate
				Arguments.of(null, BLUE, FILING, null, "EFFECTIVE"),
				Arguments.of(null, BLUE, OFFICIAL, null, "EFFECTIVE"),
				Arguments.of(null, YELLOW, INSPECTION, TOMORROW, "EFFECTIVE"),
				Arguments.of(null, RED, OFFICIAL, null, "AWAITING_CONFIRMATION"),
				// from BLUE
				Arguments.of(BLUE, BLUE, OFFICIAL, null, "plate_unchanged"),
				Arguments.of(BLUE, YELLOW, INSPECTION, TOMORROW, "EFFECTIVE"),
				Arguments.of(BLUE, YELLOW, OFFICIAL, TOMORROW, "EFFECTIVE"),
				Arguments.of(BLUE, RED, OFFICIAL, null, "AWAITING_CONFIRMATION"),
				// from YELLOW: BLUE only by a passed follow-up
				Arguments.of(YELLOW, BLUE, OFFICIAL, null, "follow_up_required"),
				Arguments.of(YELLOW, BLUE, FILING, null, "follow_up_required"),
				Arguments.of(YELLOW, BLUE, FOLLOW_UP, null, "EFFECTIVE"),
				Arguments.of(YELLOW, YELLOW, INSPECTION, TOMORROW, "plate_unchanged"),
				Arguments.of(YELLOW, RED, FOLLOW_UP, null, "AWAITING_CONFIRMATION"),
				Arguments.of(YELLOW, RED, OFFICIAL, null, "AWAITING_CONFIRMATION"),
				// from RED: lifted only by a passed follow-up
				Arguments.of(RED, BLUE, OFFICIAL, null, "follow_up_required"),
				Arguments.of(RED, BLUE, FOLLOW_UP, null, "EFFECTIVE"),
				Arguments.of(RED, YELLOW, OFFICIAL, TOMORROW, "follow_up_required"),
				Arguments.of(RED, RED, OFFICIAL, null, "plate_unchanged"),
				// dates
				Arguments.of(BLUE, YELLOW, OFFICIAL, null, "validation_failed:rectifyBy"),
				Arguments.of(BLUE, YELLOW, OFFICIAL, LocalDate.of(2026, 3, 1), "validation_failed:rectifyBy"),
				Arguments.of(BLUE, YELLOW, OFFICIAL, LocalDate.of(2026, 2, 20), "validation_failed:rectifyBy"),
				Arguments.of(BLUE, RED, OFFICIAL, TOMORROW, "validation_failed:rectifyBy"),
				Arguments.of(null, BLUE, FILING, TOMORROW, "validation_failed:rectifyBy"));
	}

	@ParameterizedTest(name = "{0} -> {1} by {2} (rectify by {3}): {4}")
	@MethodSource("proposals")
	void propose(Plate current, Plate wanted, PlateSource source, LocalDate rectifyBy, String expected) {
		PlateRules.Decision decision = rules.propose(current, wanted, source, rectifyBy);
		String outcome = decision.refused() ? code(decision.refusal()) : decision.state().name();
		assertThat(outcome).isEqualTo(expected);
	}

	@Test
	void aRedNeedsASecondOfficialWithinItsWindow() {
		UUID proposer = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		Instant proposed = NOW.minus(Duration.ofHours(1));
		assertThat(rules.confirm(AWAITING_CONFIRMATION, proposer, proposed, second)).isEmpty();
		assertThat(rules.confirm(AWAITING_CONFIRMATION, proposer, proposed, proposer)).get()
			.extracting(PlateRefusal::code)
			.isEqualTo("own_change");
		assertThat(rules.confirm(EFFECTIVE, proposer, proposed, second)).get()
			.extracting(PlateRefusal::code)
			.isEqualTo("change_not_awaiting");
		assertThat(rules.confirm(ChangeState.REJECTED, proposer, proposed, second)).get()
			.extracting(PlateRefusal::code)
			.isEqualTo("change_not_awaiting");
		// 72 hours less a minute: still open; 72 hours: expired.
		assertThat(rules.confirm(AWAITING_CONFIRMATION, proposer,
				NOW.minus(Duration.ofHours(72)).plus(Duration.ofMinutes(1)), second))
			.isEmpty();
		assertThat(rules.confirm(AWAITING_CONFIRMATION, proposer, NOW.minus(Duration.ofHours(72)), second)).get()
			.extracting(PlateRefusal::code)
			.isEqualTo("change_expired");
	}

	@Test
	void aYellowIsOverdueTheDayAfterItsDate() {
		assertThat(rules.overdue(YELLOW, LocalDate.of(2026, 2, 28))).isTrue();
		assertThat(rules.overdue(YELLOW, LocalDate.of(2026, 3, 1))).isFalse();
		assertThat(rules.overdue(YELLOW, TOMORROW)).isFalse();
		assertThat(rules.overdue(BLUE, LocalDate.of(2026, 2, 28))).isFalse();
		assertThat(rules.overdue(RED, LocalDate.of(2026, 2, 28))).isFalse();
		assertThat(rules.today()).isEqualTo(LocalDate.of(2026, 3, 1));
	}

	private static String code(PlateRefusal refusal) {
		return refusal.field() == null ? refusal.code() : refusal.code() + ":" + refusal.field();
	}

}
