package dev.fugong.stats.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Adds cells up into a dashboard's rows: by zone (each cell counts for the nearest of the
 * row zones at or above its own zone), by industry, and in total. Plain functions of the
 * cells and the zone tree.
 */
public final class Rollup {

	private Rollup() {
	}

	/**
	 * @param parents each zone's parent (null for the top)
	 * @param rowZones the zones that get a row; a cell under none of them counts in no
	 * zone row (it is still in the industries and the total)
	 * @return the rows, in the order of {@code rowZones}; a row zone without cells gets
	 * zeros
	 */
	public static Map<UUID, Counts> byZone(Collection<Cell> cells, Map<UUID, UUID> parents, List<UUID> rowZones) {
		Map<UUID, Counts> rows = new LinkedHashMap<>();
		rowZones.forEach(zone -> rows.put(zone, Counts.ZERO));
		Set<UUID> wanted = rows.keySet();
		for (Cell cell : cells) {
			UUID row = nearest(cell.zoneId(), parents, wanted);
			if (row != null) {
				rows.put(row, rows.get(row).plus(cell.counts()));
			}
		}
		return rows;
	}

	/** The rows by industry, in the industries' order of {@code industries}. */
	public static Map<String, Counts> byIndustry(Collection<Cell> cells, List<String> industries) {
		Map<String, Counts> rows = new LinkedHashMap<>();
		industries.forEach(industry -> rows.put(industry, Counts.ZERO));
		Map<String, Counts> others = new TreeMap<>();
		for (Cell cell : cells) {
			Map<String, Counts> target = rows.containsKey(cell.industry()) ? rows : others;
			target.merge(cell.industry(), cell.counts(), Counts::plus);
		}
		rows.putAll(others);
		return rows;
	}

	public static Counts total(Collection<Cell> cells) {
		Counts total = Counts.ZERO;
		for (Cell cell : cells) {
			total = total.plus(cell.counts());
		}
		return total;
	}

	/** The zone itself if it has a row, else its nearest ancestor with one, else null. */
	static UUID nearest(UUID zone, Map<UUID, UUID> parents, Set<UUID> wanted) {
		UUID current = zone;
		// Zones nest a few levels deep; the bound only guards against a cycle.
		for (int depth = 0; current != null && depth < 64; depth++) {
			if (wanted.contains(current)) {
				return current;
			}
			current = parents.get(current);
		}
		return null;
	}

}
