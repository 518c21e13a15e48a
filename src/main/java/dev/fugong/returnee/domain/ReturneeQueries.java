package dev.fugong.returnee.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.fugong.returnee.model.ReturneeStatus;

/**
 * The WHERE clause of a returnee list: the caller's scope, the filters, and a status as a
 * predicate on the stored facts. Each status predicate is ObservationRules.status written
 * in SQL (ReturneeGateIT.theListsStatusFilterAgreesWithTheRules checks that both agree on
 * every combination); with {@code :now} the clock and {@code :observedFrom} the start of
 * the first day whose arrivals are still observed, a returnee is observed while
 * {@code :observedFrom <= arrival_at <= :now}.
 */
final class ReturneeQueries {

	/**
	 * The stored generated column
	 * {@code missed_slot_at IS NOT NULL AND (last_report_at IS
	 * NULL OR last_report_at < missed_slot_at)} (V40): with it the two observed statuses
	 * are each one range of the (enterprise or zone, overdue, arrival) indexes.
	 */
	private static final String OVERDUE = "overdue";

	/**
	 * Observed now: arrived, and {@code arrival_at >= :observedFrom}, the start of the
	 * first district day whose arrivals are still observed today (the same as
	 * {@code arrival_day > today - observation days}, on the column the list indexes
	 * order by: the status is a range of the index, not a filter; a second, equivalent
	 * predicate on arrival_day only led the planner to AND in the arrival_day index and
	 * read 300,000 entries to count 1,000).
	 */
	private static final String OBSERVED = "arrival_at <= :now AND arrival_at >= :observedFrom";

	/** In observation now, whether its reports are on time or overdue. */
	static final String OBSERVED_NOW = "abnormal_at IS NULL AND " + OBSERVED;

	/**
	 * The first statement of a list's transaction: plans made for this request's values.
	 * The driver keeps statements prepared, and after five executions PostgreSQL may
	 * switch to a generic plan that ignores the values: for a status filter it chose the
	 * enterprise index and filtered all 50,000 of an enterprise's rows to find none of
	 * them in observation (154 ms against 0.7 ms with the values' plan, EXPLAIN in
	 * docs/benchmarks.md). Which index is right depends on the values (an enterprise of
	 * ten returnees or of a hundred thousand, a status nobody or everybody has).
	 */
	static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

	private ReturneeQueries() {
	}

	static String predicate(ReturneeStatus status) {
		return switch (status) {
			case ABNORMAL -> "abnormal_at IS NOT NULL";
			case EXPECTED -> "abnormal_at IS NULL AND arrival_at > :now";
			case CLEARED -> "abnormal_at IS NULL AND arrival_at < :observedFrom";
			case REPORT_OVERDUE -> OBSERVED_NOW + " AND " + OVERDUE;
			case IN_OBSERVATION -> OBSERVED_NOW + " AND NOT " + OVERDUE;
		};
	}

	/**
	 * @param zones the zone filter's subtree, or null for none
	 */
	static Where where(ReturneeScope scope, UUID enterpriseId, Set<UUID> zones, ReturneeStatus status, Instant now,
			Instant observedFrom) {
		StringBuilder sql = new StringBuilder("TRUE");
		Map<String, Object> binds = new LinkedHashMap<>();
		if (!scope.all()) {
			// Only the non-empty parts: an OR with an empty array still costs the planner
			// an index it cannot use for the order.
			if (!scope.enterprises().isEmpty() && !scope.zones().isEmpty()) {
				sql.append(" AND (enterprise_id = ANY(:scopeEnterprises) OR zone_id = ANY(:scopeZones))");
				binds.put("scopeEnterprises", scope.enterprises().toArray(UUID[]::new));
				binds.put("scopeZones", scope.zones().toArray(UUID[]::new));
			}
			else if (!scope.enterprises().isEmpty()) {
				sql.append(" AND enterprise_id = ANY(:scopeEnterprises)");
				binds.put("scopeEnterprises", scope.enterprises().toArray(UUID[]::new));
			}
			else {
				sql.append(" AND zone_id = ANY(:scopeZones)");
				binds.put("scopeZones", scope.zones().toArray(UUID[]::new));
			}
		}
		if (enterpriseId != null) {
			sql.append(" AND enterprise_id = :enterprise");
			binds.put("enterprise", enterpriseId);
		}
		if (zones != null) {
			sql.append(" AND zone_id = ANY(:zones)");
			binds.put("zones", zones.toArray(UUID[]::new));
		}
		if (status != null) {
			String predicate = predicate(status);
			sql.append(" AND ").append(predicate);
			// Only the parameters the predicate names: the driver refuses any other.
			if (predicate.contains(":now")) {
				binds.put("now", now);
			}
			if (predicate.contains(":observedFrom")) {
				binds.put("observedFrom", observedFrom);
			}
		}
		// The keys a page is read by, one ordered index range each (see
		// ReturneeService.list).
		String driveColumn = null;
		UUID[] driveKeys = null;
		if (enterpriseId != null) {
			driveColumn = "enterprise_id";
			driveKeys = new UUID[] { enterpriseId };
		}
		else if (zones != null) {
			driveColumn = "zone_id";
			driveKeys = zones.toArray(UUID[]::new);
		}
		else if (!scope.all() && scope.zones().isEmpty()) {
			driveColumn = "enterprise_id";
			driveKeys = scope.enterprises().toArray(UUID[]::new);
		}
		else if (!scope.all() && scope.enterprises().isEmpty()) {
			driveColumn = "zone_id";
			driveKeys = scope.zones().toArray(UUID[]::new);
		}
		return new Where(sql.toString(), binds, driveColumn, driveKeys);
	}

	/** The counts per status, in one pass. */
	static String summaryColumns() {
		StringBuilder sql = new StringBuilder("count(*) AS total");
		for (ReturneeStatus status : ReturneeStatus.values()) {
			sql.append(", count(*) FILTER (WHERE ").append(predicate(status)).append(") AS ").append(status.name());
		}
		return sql.toString();
	}

	/**
	 * @param driveColumn {@code enterprise_id} or {@code zone_id}: every row of the page
	 * has one of {@code driveKeys} there; null when no such small set exists (the admin
	 * without a filter)
	 */
	record Where(String sql, Map<String, Object> binds, String driveColumn, UUID[] driveKeys) {

		Where(String sql, Map<String, Object> binds) {
			this(sql, binds, null, null);
		}

	}

}
