package dev.fugong.complaint.model;

/**
 * Where a complaint stands, as its reporter sees it by receipt. Officials triage a
 * RECEIVED complaint: verify it (查证属实), dismiss it with a reason, or open an inspection
 * from it; a verified one is resolved (督促整改) or inspected; an inspection recorded for it
 * resolves it. DISMISSED and RESOLVED are final.
 */
public enum ComplaintStatus {

	RECEIVED, VERIFIED, INSPECTING, DISMISSED, RESOLVED;

	/**
	 * Whether an official may move a complaint from here to {@code next} (an inspection
	 * resolves one through {@link #resolvableByInspection()}).
	 */
	public boolean canMoveTo(ComplaintStatus next) {
		return switch (this) {
			case RECEIVED -> next == VERIFIED || next == DISMISSED || next == INSPECTING;
			case VERIFIED -> next == INSPECTING || next == RESOLVED;
			case INSPECTING, DISMISSED, RESOLVED -> false;
		};
	}

	/** An inspection recorded for the complaint resolves it from here. */
	public boolean resolvableByInspection() {
		return this == RECEIVED || this == VERIFIED || this == INSPECTING;
	}

	/** Moving here needs a reason: why dismissed, or what was done. */
	public boolean needsReason() {
		return this == DISMISSED || this == RESOLVED;
	}

}
