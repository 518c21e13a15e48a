package dev.fugong.scanin.model;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.fugong.scanin.model.GateDecision.PassColor;

/**
 * The gate decision, a plain function of the facts and the clock (seed 004: returnees are
 * observed 14 days, and those from a high-risk region or in contact with a case must not
 * return yet; a fever of 37.3 °C or more goes to a fever clinic; seed 001: a red plate
 * stops the enterprise). No Spring, no I/O.
 */
public final class GateRules {

	/** 37.3 °C, in tenths: at or above it is a fever. */
	public static final int FEVER_TENTHS = 373;

	private final Clock clock;

	public GateRules(Clock clock) {
		this.clock = clock;
	}

	public GateDecision decide(GateFacts facts) {
		List<DenyReason> reasons = new ArrayList<>();
		boolean inObservation = facts.observationEndsAt() != null
				&& clock.instant().isBefore(facts.observationEndsAt());
		boolean fever = facts.temperatureTenths() != null && facts.temperatureTenths() >= FEVER_TENTHS;
		boolean returnNotAllowed = facts.returnNotAllowedUntil() != null
				&& clock.instant().isBefore(facts.returnNotAllowedUntil());
		if (inObservation) {
			reasons.add(DenyReason.IN_OBSERVATION);
		}
		if (returnNotAllowed) {
			reasons.add(DenyReason.RETURN_NOT_ALLOWED);
		}
		if (facts.healthAbnormal()) {
			reasons.add(DenyReason.HEALTH_ABNORMAL);
		}
		if (fever) {
			reasons.add(DenyReason.FEVER);
		}
		if (facts.enterpriseRedPlate()) {
			reasons.add(DenyReason.ENTERPRISE_RED_PLATE);
		}
		if (facts.enterpriseSuspended()) {
			reasons.add(DenyReason.ENTERPRISE_SUSPENDED);
		}
		if (facts.placeRequiresDynamicCode() && !facts.dynamicCodeUsed()) {
			reasons.add(DenyReason.DYNAMIC_CODE_REQUIRED);
		}
		PassColor color = (fever || facts.healthAbnormal() || returnNotAllowed) ? PassColor.RED
				: inObservation ? PassColor.YELLOW : PassColor.GREEN;
		return new GateDecision(reasons.isEmpty(), reasons, color, fever);
	}

}
