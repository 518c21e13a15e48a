package dev.fugong.plate.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import dev.fugong.enterprise.domain.Plate;

/**
 * The plate rules of seed 001 (红黄蓝挂牌), as plain functions of their inputs and a clock:
 * BLUE for an approved enterprise; YELLOW when problems are found, to be rectified by a
 * date and then inspected again (回头看), whose pass gives BLUE back; RED for repeated
 * failure, which suspends the enterprise and only takes effect once a second official
 * confirms it, so no insider shuts an enterprise alone.
 */
public final class PlateRules {

	private final Clock clock;

	private final ZoneId zone;

	private final Duration confirmationWindow;

	/**
	 * @param zone the district's time zone: rectification dates are its days
	 * @param confirmationWindow how long a RED waits for its second official
	 */
	public PlateRules(Clock clock, ZoneId zone, Duration confirmationWindow) {
		this.clock = clock;
		this.zone = zone;
		this.confirmationWindow = confirmationWindow;
	}

	/** The district's today. */
	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), zone);
	}

	/**
	 * What a proposed change becomes: in force at once, waiting for a second official
	 * (RED), or refused.
	 * @param current the plate in force, null if none yet
	 */
	public Decision propose(Plate current, Plate wanted, PlateSource source, LocalDate rectifyBy) {
		if (wanted == current) {
			return Decision.refused(PlateRefusal.conflict("plate_unchanged", "The enterprise already has this plate."));
		}
		if (wanted == Plate.YELLOW) {
			if (rectifyBy == null) {
				return Decision.refused(
						PlateRefusal.invalid("rectifyBy", "is required for a YELLOW plate: the date to rectify by"));
			}
			if (!rectifyBy.isAfter(today())) {
				return Decision.refused(PlateRefusal.invalid("rectifyBy", "must be a date after today"));
			}
		}
		else if (rectifyBy != null) {
			return Decision.refused(PlateRefusal.invalid("rectifyBy", "is only for a YELLOW plate"));
		}
		if (current == Plate.RED && wanted == Plate.YELLOW) {
			return Decision.refused(PlateRefusal.conflict("follow_up_required",
					"A RED plate is lifted only by a passed follow-up inspection (回头看)."));
		}
		if (wanted == Plate.BLUE && current != null && source != PlateSource.FOLLOW_UP) {
			return Decision.refused(PlateRefusal.conflict("follow_up_required",
					"A " + current + " plate turns BLUE only after a passed follow-up inspection (回头看)."));
		}
		if (wanted == Plate.RED) {
			return Decision.of(ChangeState.AWAITING_CONFIRMATION);
		}
		return Decision.of(ChangeState.EFFECTIVE);
	}

	/**
	 * Whether {@code confirmer} may confirm a RED proposed by {@code proposer} at
	 * {@code proposedAt}; empty if so.
	 */
	public Optional<PlateRefusal> confirm(ChangeState state, UUID proposer, Instant proposedAt, UUID confirmer) {
		if (state != ChangeState.AWAITING_CONFIRMATION) {
			return Optional.of(PlateRefusal.conflict("change_not_awaiting",
					"This change is not waiting for confirmation (it is " + state + ")."));
		}
		if (proposer.equals(confirmer)) {
			return Optional.of(PlateRefusal.forbidden("own_change",
					"A RED plate needs a second official: the proposer cannot confirm its own change."));
		}
		if (expired(proposedAt)) {
			return Optional.of(PlateRefusal.conflict("change_expired",
					"This change waited longer than its confirmation window; propose it again."));
		}
		return Optional.empty();
	}

	/** Whether a RED proposed then is past its confirmation window. */
	public boolean expired(Instant proposedAt) {
		return !clock.instant().isBefore(proposedAt.plus(confirmationWindow));
	}

	/**
	 * A YELLOW past its rectification date: listed for officials until a follow-up
	 * inspection passes (BLUE) or it turns RED.
	 */
	public boolean overdue(Plate current, LocalDate rectifyBy) {
		return current == Plate.YELLOW && rectifyBy != null && rectifyBy.isBefore(today());
	}

	/** A proposal's fate: a state, or a refusal. */
	public record Decision(ChangeState state, PlateRefusal refusal) {

		static Decision of(ChangeState state) {
			return new Decision(state, null);
		}

		static Decision refused(PlateRefusal refusal) {
			return new Decision(null, refusal);
		}

		public boolean refused() {
			return refusal != null;
		}

	}

}
