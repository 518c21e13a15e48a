package dev.fugong.problem.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a difficulty stands: OPEN when reported, IN_PROGRESS once an official takes it in
 * hand, RESOLVED with the answer given. Only forward, one step at a time; RESOLVED is
 * final (a new difficulty is a new problem).
 */
public enum ProblemStatus {

	OPEN, IN_PROGRESS, RESOLVED;

	/** Whether an official may move a problem from here to {@code next}. */
	public boolean canMoveTo(ProblemStatus next) {
		return switch (this) {
			case OPEN -> next == IN_PROGRESS;
			case IN_PROGRESS -> next == RESOLVED;
			case RESOLVED -> false;
		};
	}

	/** Moving here needs the answer given to the enterprise. */
	public boolean needsAnswer() {
		return this == RESOLVED;
	}

	/**
	 * Overdue: not resolved and reported longer ago than {@code after}; such problems
	 * surface to the officials of the enterprise's zone.
	 */
	public boolean overdue(Instant reportedAt, Instant now, Duration after) {
		return this != RESOLVED && reportedAt.plus(after).isBefore(now);
	}

}
