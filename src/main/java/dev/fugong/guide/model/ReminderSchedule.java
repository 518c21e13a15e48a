package dev.fugong.guide.model;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When guides who have not filed are reminded: once a day, from the configured hour on. A
 * service that starts after the hour still reminds that day; one that was down all
 * evening does not remind of a past day the next morning.
 */
public final class ReminderSchedule {

	private final Clock clock;

	private final ZoneId zone;

	private final LocalTime at;

	/**
	 * @param zone the district's time zone
	 * @param at the hour of the reminder, in that zone
	 */
	public ReminderSchedule(Clock clock, ZoneId zone, LocalTime at) {
		this.clock = clock;
		this.zone = zone;
		this.at = at;
	}

	/**
	 * The day to remind of now, if any.
	 * @param lastReminded the last day reminded of (by this process), or null
	 */
	public Optional<LocalDate> due(LocalDate lastReminded) {
		ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), zone);
		LocalDate today = now.toLocalDate();
		if (now.toLocalTime().isBefore(at) || today.equals(lastReminded)) {
			return Optional.empty();
		}
		return Optional.of(today);
	}

}
