package dev.fugong.inspection.model;

import dev.fugong.enterprise.domain.Plate;

/**
 * What an inspection's result does to the enterprise's plate (seed 001): problems found
 * give a YELLOW with a date to rectify by; a failure while YELLOW is a repeated failure
 * and proposes a RED (which a second official must confirm); a passed follow-up (回头看)
 * gives a YELLOW or RED enterprise its BLUE back. Anything else leaves the plate.
 */
public final class PlateOutcome {

	private PlateOutcome() {
	}

	/** The plate the result calls for, or null for no change. */
	public static Plate after(InspectionKind kind, boolean passed, Plate current) {
		if (passed) {
			return kind == InspectionKind.FOLLOW_UP && (current == Plate.YELLOW || current == Plate.RED) ? Plate.BLUE
					: null;
		}
		if (current == Plate.RED) {
			return null;
		}
		return current == Plate.YELLOW ? Plate.RED : Plate.YELLOW;
	}

}
