package dev.fugong.returnee.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Which slot a health report fills and when each slot is due, in the district's days. A
 * report before {@code afternoonOpens} fills the morning slot, later ones the afternoon
 * slot; a slot is missed once its deadline has passed without a report in it. No Spring,
 * no I/O.
 */
public final class SlotRules {

	private final ZoneId zone;

	private final LocalTime morningDeadline;

	private final LocalTime afternoonOpens;

	private final LocalTime afternoonDeadline;

	public SlotRules(ZoneId zone, LocalTime morningDeadline, LocalTime afternoonOpens, LocalTime afternoonDeadline) {
		if (morningDeadline.isAfter(afternoonOpens) || !afternoonOpens.isBefore(afternoonDeadline)) {
			throw new IllegalArgumentException(
					"Slots must run morning deadline ≤ afternoon opens < afternoon deadline");
		}
		this.zone = zone;
		this.morningDeadline = morningDeadline;
		this.afternoonOpens = afternoonOpens;
		this.afternoonDeadline = afternoonDeadline;
	}

	/** The day and slot a report made at {@code at} fills. */
	public Slot slotOf(Instant at) {
		ZonedDateTime local = at.atZone(zone);
		return new Slot(local.toLocalDate(),
				local.toLocalTime().isBefore(afternoonOpens) ? ReportSlot.MORNING : ReportSlot.AFTERNOON);
	}

	public Instant deadline(LocalDate date, ReportSlot slot) {
		return date.atTime(slot == ReportSlot.MORNING ? morningDeadline : afternoonDeadline).atZone(zone).toInstant();
	}

	/** The latest slot whose deadline is at or before {@code now}. */
	public Slot lastDue(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		if (!now.isBefore(deadline(today, ReportSlot.AFTERNOON))) {
			return new Slot(today, ReportSlot.AFTERNOON);
		}
		if (!now.isBefore(deadline(today, ReportSlot.MORNING))) {
			return new Slot(today, ReportSlot.MORNING);
		}
		return new Slot(today.minusDays(1), ReportSlot.AFTERNOON);
	}

	/** A day's slot. */
	public record Slot(LocalDate date, ReportSlot slot) {
	}

}
