package dev.fugong.guide.model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The daily report's rules, as functions of the input and the clock: a report is filed
 * for the district's today (a second filing the same day amends it, keeping the first;
 * yesterday's is closed), and those back at work are the local and the out-of-town ones.
 */
public final class ReportRules {

	private final Clock clock;

	private final ZoneId zone;

	/**
	 * @param zone the district's time zone: a report's day is its day
	 */
	public ReportRules(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	/** The district's today. */
	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), zone);
	}

	/** Whether a report for this day with these figures may be filed now; empty if so. */
	public Optional<Refusal> check(LocalDate date, Figures figures) {
		LocalDate today = today();
		if (!date.equals(today)) {
			return Optional.of(Refusal.invalid("date",
					date.isAfter(today) ? "must not be in the future: a report is filed on its day"
							: "must be today: a day's report is filed or amended on that day only"));
		}
		if ((long) figures.local() + figures.outOfTown() != figures.returned()) {
			return Optional.of(Refusal.invalid("returned", "must equal local + outOfTown"));
		}
		return Optional.empty();
	}

	/**
	 * The version a filing gets: 1 for the day's first, the next one for an amendment.
	 * @param current the version in force that day, or null if none
	 */
	public static int nextVersion(Integer current) {
		return current == null ? 1 : current + 1;
	}

}
