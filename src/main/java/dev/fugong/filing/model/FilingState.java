package dev.fugong.filing.model;

import java.util.Optional;

/**
 * Where a filing (复工备案) stands. With approval (seed 000: 初审 → 实地踏勘 → 批准), an official
 * moves it SUBMITTED → PRELIMINARY_REVIEWED → SITE_INSPECTED → APPROVED, or returns it
 * with reasons from any of the first three; a returned filing is closed and the manager
 * files anew. In notify-only mode a filing is FILED on arrival.
 */
public enum FilingState {

	SUBMITTED, PRELIMINARY_REVIEWED, SITE_INSPECTED, APPROVED, RETURNED, FILED;

	/** An official's step. */
	public enum Action {

		/** 初审: the materials are complete and plausible. */
		REVIEW,
		/** 实地踏勘: the site was visited. */
		INSPECT,
		/** 批准: the enterprise may resume; it gets a BLUE plate. */
		APPROVE,
		/** 退回: the manager must correct and file again. */
		RETURN

	}

	/** The state {@code action} leads to; empty if not allowed from here. */
	public Optional<FilingState> after(Action action) {
		return Optional.ofNullable(switch (this) {
			case SUBMITTED -> switch (action) {
				case REVIEW -> PRELIMINARY_REVIEWED;
				case RETURN -> RETURNED;
				default -> null;
			};
			case PRELIMINARY_REVIEWED -> switch (action) {
				case INSPECT -> SITE_INSPECTED;
				case RETURN -> RETURNED;
				default -> null;
			};
			case SITE_INSPECTED -> switch (action) {
				case APPROVE -> APPROVED;
				case RETURN -> RETURNED;
				default -> null;
			};
			case APPROVED, RETURNED, FILED -> null;
		});
	}

	/** Still under way: the enterprise has no other filing open meanwhile. */
	public boolean open() {
		return this == SUBMITTED || this == PRELIMINARY_REVIEWED || this == SITE_INSPECTED;
	}

	/** The manager may still add materials. */
	public boolean acceptsFiles() {
		return open() || this == FILED;
	}

}
