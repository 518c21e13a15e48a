package dev.fugong.returnee.model;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The 14-day observation (隔离医学观察) as plain functions of the facts and the clock. Days are
 * the district's calendar days (Asia/Shanghai, which keeps no daylight saving time, so
 * every day is 24 hours): a person arriving at any hour of day D is observed through day
 * D + 13 and cleared from 00:00 of day D + 14. No Spring, no I/O.
 */
public final class ObservationRules {

	private final Clock clock;

	private final ZoneId zone;

	private final int observationDays;

	private final int preArrivalDays;

	/**
	 * @param observationDays 14 by default (seed 004: 不少于14天)
	 * @param preArrivalDays how many days before the arrival a returnee may be registered
	 * (seed 004: 提前2天报镇乡)
	 */
	public ObservationRules(Clock clock, ZoneId zone, int observationDays, int preArrivalDays) {
		this.clock = clock;
		this.zone = zone;
		this.observationDays = observationDays;
		this.preArrivalDays = preArrivalDays;
	}

	public int observationDays() {
		return observationDays;
	}

	public ZoneId zone() {
		return zone;
	}

	/** The district's calendar day of an instant. */
	public LocalDate day(Instant instant) {
		return LocalDate.ofInstant(instant, zone);
	}

	public LocalDate today() {
		return day(clock.instant());
	}

	/** The start of the first day after the observation. */
	public Instant observationEndsAt(Instant arrival) {
		return day(arrival).plusDays(observationDays).atStartOfDay(zone).toInstant();
	}

	/**
	 * Whether a returnee arriving then may be registered now: no more than the
	 * pre-arrival days ahead, counted in calendar days.
	 */
	public boolean registrableNow(Instant arrival) {
		return !day(arrival).isAfter(today().plusDays(preArrivalDays));
	}

	/** Whether the observation of this arrival is not over now. */
	public boolean observedNow(Instant arrival) {
		return clock.instant().isBefore(observationEndsAt(arrival));
	}

	public ReturneeStatus status(ObservationFacts facts) {
		Instant now = clock.instant();
		if (facts.abnormalAt() != null) {
			return ReturneeStatus.ABNORMAL;
		}
		if (now.isBefore(facts.arrivalAt())) {
			return ReturneeStatus.EXPECTED;
		}
		if (!now.isBefore(observationEndsAt(facts.arrivalAt()))) {
			return ReturneeStatus.CLEARED;
		}
		if (facts.missedSlotAt() != null
				&& (facts.lastReportAt() == null || facts.lastReportAt().isBefore(facts.missedSlotAt()))) {
			return ReturneeStatus.REPORT_OVERDUE;
		}
		return ReturneeStatus.IN_OBSERVATION;
	}

}
