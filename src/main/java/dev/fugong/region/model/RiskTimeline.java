package dev.fugong.region.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The risk history of some regions, answering "what was the level here at that time" and
 * "was it HIGH at any moment between these instants". A region's level is the highest of
 * its own and its ancestors' (a province set HIGH makes each of its counties HIGH); each
 * region's own level at an instant is that of the latest-set entry covering it. No
 * Spring, no I/O.
 */
public final class RiskTimeline {

	private static final Comparator<RiskEntry> LATEST_FIRST = Comparator.comparing(RiskEntry::setAt).reversed();

	private final Map<String, List<RiskEntry>> byCode = new HashMap<>();

	/**
	 * @param entries oldest setting first (of two set at the same instant, the later
	 * given wins)
	 */
	public RiskTimeline(Collection<RiskEntry> entries) {
		for (RiskEntry entry : entries) {
			byCode.computeIfAbsent(entry.regionCode(), code -> new ArrayList<>()).add(entry);
		}
		// Given oldest first: reversed, then a stable sort puts the later of two entries
		// set at the same instant first.
		byCode.values().forEach(list -> {
			java.util.Collections.reverse(list);
			list.sort(LATEST_FIRST);
		});
	}

	/**
	 * The level at {@code instant} of the region whose code and ancestors' codes are
	 * {@code chain}; LOW where nothing was set.
	 */
	public RiskLevel levelAt(List<String> chain, Instant instant) {
		RiskLevel highest = RiskLevel.LOW;
		for (String code : chain) {
			RiskLevel own = ownLevelAt(code, instant);
			if (own != null && own.compareTo(highest) > 0) {
				highest = own;
			}
		}
		return highest;
	}

	/** Whether the region was HIGH at any instant of [{@code from}, {@code to}]. */
	public boolean highDuring(List<String> chain, Instant from, Instant to) {
		if (to.isBefore(from)) {
			return false;
		}
		// Levels change only where an entry starts or ends: checking the interval's start
		// and every such boundary inside it checks every piece of it.
		TreeSet<Instant> points = new TreeSet<>();
		points.add(from);
		for (String code : chain) {
			for (RiskEntry entry : byCode.getOrDefault(code, List.of())) {
				addIfInside(points, entry.from(), from, to);
				if (entry.to() != null) {
					addIfInside(points, entry.to(), from, to);
				}
			}
		}
		for (Instant point : points) {
			if (levelAt(chain, point) == RiskLevel.HIGH) {
				return true;
			}
		}
		return false;
	}

	private static void addIfInside(TreeSet<Instant> points, Instant point, Instant from, Instant to) {
		if (point.isAfter(from) && !point.isAfter(to)) {
			points.add(point);
		}
	}

	private RiskLevel ownLevelAt(String code, Instant instant) {
		for (RiskEntry entry : byCode.getOrDefault(code, List.of())) {
			if (entry.covers(instant)) {
				return entry.level();
			}
		}
		return null;
	}

}
