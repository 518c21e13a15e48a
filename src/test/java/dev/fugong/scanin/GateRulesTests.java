package dev.fugong.scanin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.fugong.scanin.model.DenyReason;
import dev.fugong.scanin.model.GateDecision;
import dev.fugong.scanin.model.GateDecision.PassColor;
import dev.fugong.scanin.model.GateFacts;
import dev.fugong.scanin.model.GateRules;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate rules with a fixed clock, at the edges a gate meets. */
class GateRulesTests {

	static final Instant ARRIVAL = Instant.parse("2026-02-01T08:00:00+08:00");

	static final Instant OBSERVATION_ENDS = ARRIVAL.plus(Duration.ofDays(14));

	@Test
	void aReturneeIsTurnedAwayOnDay13AndAdmittedOnDay14() {
		GateDecision day13 = at(ARRIVAL.plus(Duration.ofDays(13))).decide(returnee());
		assertThat(day13.admitted()).isFalse();
		assertThat(day13.reasons()).containsExactly(DenyReason.IN_OBSERVATION);
		assertThat(day13.passColor()).isEqualTo(PassColor.YELLOW);

		GateDecision lastMinute = at(OBSERVATION_ENDS.minusSeconds(60)).decide(returnee());
		assertThat(lastMinute.admitted()).isFalse();

		GateDecision day14 = at(ARRIVAL.plus(Duration.ofDays(14))).decide(returnee());
		assertThat(day14.admitted()).isTrue();
		assertThat(day14.reasons()).isEmpty();
		assertThat(day14.passColor()).isEqualTo(PassColor.GREEN);
	}

	@Test
	void thirtySevenPointTwoPassesAndThirtySevenPointThreeGoesToTheFeverClinic() {
		GateRules rules = at(OBSERVATION_ENDS);
		GateDecision normal = rules.decide(facts(372, false, false, false));
		assertThat(normal.admitted()).isTrue();
		assertThat(normal.feverClinic()).isFalse();

		GateDecision fever = rules.decide(facts(373, false, false, false));
		assertThat(fever.admitted()).isFalse();
		assertThat(fever.reasons()).containsExactly(DenyReason.FEVER);
		assertThat(fever.feverClinic()).isTrue();
		assertThat(fever.passColor()).isEqualTo(PassColor.RED);

		assertThat(rules.decide(facts(null, false, false, false)).admitted()).isTrue();
	}

	@Test
	void aRedPlateOrASuspensionClosesEveryGateWithoutChangingThePersonsColour() {
		GateRules rules = at(OBSERVATION_ENDS);
		GateDecision red = rules.decide(facts(365, true, false, false));
		assertThat(red.admitted()).isFalse();
		assertThat(red.reasons()).containsExactly(DenyReason.ENTERPRISE_RED_PLATE);
		assertThat(red.passColor()).isEqualTo(PassColor.GREEN);

		assertThat(rules.decide(facts(null, false, true, false)).reasons())
			.containsExactly(DenyReason.ENTERPRISE_SUSPENDED);
	}

	@Test
	void aPrintedCodeAtAPlaceThatRequiresTheScreensCodeIsRefused() {
		GateRules rules = at(OBSERVATION_ENDS);
		assertThat(rules.decide(facts(null, false, false, true)).reasons())
			.containsExactly(DenyReason.DYNAMIC_CODE_REQUIRED);
		GateFacts dynamic = new GateFacts(null, false, null, false, false, true, true);
		assertThat(rules.decide(dynamic).admitted()).isTrue();
	}

	@Test
	void aFlaggedReturneeMayNotReturnUntilItsObservationWouldHaveEnded() {
		GateFacts flagged = new GateFacts(OBSERVATION_ENDS, false, null, false, false, false, false, OBSERVATION_ENDS);
		GateDecision during = at(OBSERVATION_ENDS.minusSeconds(60)).decide(flagged);
		assertThat(during.admitted()).isFalse();
		assertThat(during.reasons()).containsExactly(DenyReason.IN_OBSERVATION, DenyReason.RETURN_NOT_ALLOWED);
		assertThat(during.passColor()).isEqualTo(PassColor.RED);
		assertThat(at(OBSERVATION_ENDS).decide(flagged).admitted()).isTrue();
	}

	@Test
	void everyReasonIsListed() {
		GateFacts everything = new GateFacts(OBSERVATION_ENDS, true, 390, true, true, true, false, OBSERVATION_ENDS);
		GateDecision decision = at(ARRIVAL).decide(everything);
		assertThat(decision.reasons()).containsExactly(DenyReason.IN_OBSERVATION, DenyReason.RETURN_NOT_ALLOWED,
				DenyReason.HEALTH_ABNORMAL, DenyReason.FEVER, DenyReason.ENTERPRISE_RED_PLATE,
				DenyReason.ENTERPRISE_SUSPENDED, DenyReason.DYNAMIC_CODE_REQUIRED);
		assertThat(decision.passColor()).isEqualTo(PassColor.RED);
	}

	private static GateFacts returnee() {
		return new GateFacts(OBSERVATION_ENDS, false, null, false, false, false, false);
	}

	private static GateFacts facts(Integer tenths, boolean red, boolean suspended, boolean requiresDynamic) {
		return new GateFacts(null, false, tenths, red, suspended, requiresDynamic, false);
	}

	private static GateRules at(Instant now) {
		return new GateRules(Clock.fixed(now, ZoneOffset.UTC));
	}

}
