package dev.fugong.returnee.model;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.fugong.region.model.RiskTimeline;

/**
 * Which flags a returnee's declaration earns: seed 004 refuses the return of people from,
 * or through, a high-risk region in the last 14 days and of people in contact with a
 * case. A region counts if it (or a region above it) was HIGH at some moment while the
 * person was there, by the levels as set now (a level set later for a past date counts).
 * No Spring, no I/O.
 */
public final class FlagRules {

	private final Duration lookBack;

	private final Function<String, List<String>> chains;

	/**
	 * @param lookBack how far before the arrival travel counts (14 days)
	 * @param chains a region code to its own and its ancestors' codes
	 */
	public FlagRules(Duration lookBack, Function<String, List<String>> chains) {
		this.lookBack = lookBack;
		this.chains = chains;
	}

	/**
	 * @param origin where the person stayed until leaving
	 * @param departedAt when it left the origin
	 * @param arrivalAt when it arrives (or arrived)
	 * @param legs the route in between and before
	 */
	public Set<Flag> flags(RiskTimeline risks, String origin, Instant departedAt, Instant arrivalAt,
			List<TravelLeg> legs, boolean contactWithCase) {
		Set<Flag> flags = EnumSet.noneOf(Flag.class);
		if (contactWithCase) {
			flags.add(Flag.CONTACT_WITH_CASE);
		}
		Instant windowStart = arrivalAt.minus(lookBack);
		boolean high = wasHigh(risks, origin, windowStart, departedAt, windowStart, arrivalAt);
		for (TravelLeg leg : legs) {
			high = high || wasHigh(risks, leg.region(), leg.from(), leg.to(), windowStart, arrivalAt);
		}
		if (high) {
			flags.add(Flag.HIGH_RISK_REGION);
		}
		return flags;
	}

	private boolean wasHigh(RiskTimeline risks, String region, Instant from, Instant to, Instant windowStart,
			Instant windowEnd) {
		Instant start = from.isBefore(windowStart) ? windowStart : from;
		Instant end = to.isAfter(windowEnd) ? windowEnd : to;
		return !end.isBefore(start) && risks.highDuring(chains.apply(region), start, end);
	}

}
