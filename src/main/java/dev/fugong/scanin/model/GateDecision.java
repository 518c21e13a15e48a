package dev.fugong.scanin.model;

import java.util.List;

/**
 * What the gate is told.
 *
 * @param admitted ADMIT or DENY
 * @param reasons every reason for a DENY, in a fixed order; empty for ADMIT
 * @param passColor the person's colour: RED (fever, abnormal health, or a flagged
 * returnee), YELLOW (in observation), else GREEN
 * @param feverClinic whether to send the person to a fever clinic
 */
public record GateDecision(boolean admitted, List<DenyReason> reasons, PassColor passColor, boolean feverClinic) {

	public GateDecision {
		reasons = List.copyOf(reasons);
	}

	public enum PassColor {

		GREEN, YELLOW, RED

	}

}
