package dev.fugong.guide.model;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which enterprises owe a day's guide report: those with a guide stationed there when the
 * day is taken (now for today, the day's end for a past day) and no report filed for it.
 * The guides of each are whom to remind.
 */
public final class MissingReports {

	private final Clock clock;

	private final ZoneId zone;

	/**
	 * @param zone the district's time zone: a day is its day
	 */
	public MissingReports(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	/** The district's today. */
	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), zone);
	}

	/** A day in the future has no reports to owe yet; empty if the day can be asked. */
	public Optional<Refusal> check(LocalDate date) {
		return date.isAfter(today()) ? Optional.of(Refusal.invalid("date", "must not be in the future"))
				: Optional.empty();
	}

	/**
	 * The instant a day's teams are taken at: now for today, the end of a past day (a
	 * guide stationed during the day owes its report; one whose assignment ended during
	 * the day does not).
	 */
	public Instant cutoff(LocalDate date) {
		Instant now = clock.instant();
		Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
		return end.isBefore(now) ? end : now;
	}

	/**
	 * @param stationings assignments that may have been active on the day (others are
	 * ignored)
	 * @param reported the enterprises with a report for the day
	 * @return the enterprises that owe it, each with its guides then, in the order of
	 * {@code stationings}
	 */
	public List<Missing> find(LocalDate date, Collection<Stationing> stationings, Set<UUID> reported) {
		Instant at = cutoff(date);
		Map<UUID, List<Stationing>> owing = new LinkedHashMap<>();
		for (Stationing stationing : stationings) {
			if (stationing.activeAt(at) && !reported.contains(stationing.enterpriseId())) {
				owing.computeIfAbsent(stationing.enterpriseId(), id -> new ArrayList<>()).add(stationing);
			}
		}
		List<Missing> missing = new ArrayList<>();
		owing.forEach((enterprise, guides) -> missing.add(new Missing(enterprise, List.copyOf(guides))));
		return missing;
	}

	/** An enterprise without the day's report, and its guides that day. */
	public record Missing(UUID enterpriseId, List<Stationing> guides) {
	}

}
