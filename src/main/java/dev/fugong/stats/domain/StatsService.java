package dev.fugong.stats.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Zone;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.stats.model.Cell;
import dev.fugong.stats.model.Counts;
import dev.fugong.stats.model.Rollup;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The dashboards: the counters of the cells in the caller's scope (ADR 0030), added up by
 * zone, by industry and in total. The district admin sees the district, an official its
 * zone subtrees; a zone outside them is 403 {@code out_of_scope}. Rows by zone are the
 * children of the zone asked for (or of the district; an official's own zones) with the
 * zone's own enterprises in a row of its own.
 */
@Service
public class StatsService {

	private final EnterpriseService enterprises;

	private final DatabaseClient database;

	private final StatsProperties properties;

	private final Clock clock;

	private final FactsRefresher refresher;

	private final AuditService audit;

	StatsService(EnterpriseService enterprises, DatabaseClient database, StatsProperties properties, Clock clock,
			FactsRefresher refresher, AuditService audit) {
		this.enterprises = enterprises;
		this.database = database;
		this.properties = properties;
		this.clock = clock;
		this.refresher = refresher;
		this.audit = audit;
	}

	/**
	 * Every enterprise's facts read again now, as the scheduled reconciliation does: for
	 * the district admin, after a repair or a bulk load that went around the API.
	 * Audited. How many enterprises' facts changed.
	 */
	public Mono<Long> reconcile(CurrentUser admin) {
		if (!admin.isDistrictAdmin()) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN, "Only the district admin recounts."));
		}
		return refresher.reconcile()
			.flatMap(changed -> audit
				.record(new AuditEntry(admin.id(), "STATS_RECONCILED", "stats", null, null, Map.of("changed", changed)))
				.thenReturn(changed));
	}

	/** The district's today. */
	public LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), properties.zone());
	}

	/**
	 * The counters in scope, today.
	 * @param zoneId the zone to break down (null: the caller's whole scope)
	 * @param industry only this industry (null: all)
	 */
	public Mono<Dashboard> dashboard(CurrentUser user, UUID zoneId, Industry industry) {
		Instant asOf = clock.instant();
		LocalDate today = today();
		return enterprises.zones(user).collectList().flatMap(zones -> {
			Map<UUID, Zone> byId = new LinkedHashMap<>();
			zones.forEach(zone -> byId.put(zone.id(), zone));
			if (zoneId != null && !byId.containsKey(zoneId)) {
				return Mono
					.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
			}
			List<UUID> rowZones = rowZones(user, zoneId, zones, byId);
			Map<UUID, UUID> parents = new HashMap<>();
			zones.forEach(zone -> parents.put(zone.id(), zone.parentId()));
			Set<UUID> inScope = zoneId == null ? byId.keySet() : subtree(zoneId, zones);
			if (inScope.isEmpty()) {
				return Mono.just(dashboard(today, asOf, zoneId, industry, List.of(), byId, parents, rowZones));
			}
			return cells(inScope, industry, today)
				.map(cells -> dashboard(today, asOf, zoneId, industry, cells, byId, parents, rowZones));
		});
	}

	private Dashboard dashboard(LocalDate today, Instant asOf, UUID zoneId, Industry industry, List<Cell> cells,
			Map<UUID, Zone> zones, Map<UUID, UUID> parents, List<UUID> rowZones) {
		List<Row> byZone = new ArrayList<>();
		Rollup.byZone(cells, parents, rowZones).forEach((id, counts) -> {
			Zone zone = zones.get(id);
			byZone.add(new Row(id, zone.name(), null, counts));
		});
		List<Row> byIndustry = new ArrayList<>();
		List<String> industries = industry == null ? Arrays.stream(Industry.values()).map(Industry::name).toList()
				: List.of(industry.name());
		Rollup.byIndustry(cells, industries)
			.forEach((name, counts) -> byIndustry.add(new Row(null, null, name, counts)));
		return new Dashboard(today, asOf, zoneId, industry, byZone, byIndustry, Rollup.total(cells));
	}

	/**
	 * The rows by zone: the zone asked for (its own enterprises) and its children; with
	 * none asked, the same below the district for the admin, an official's top zones.
	 */
	private static List<UUID> rowZones(CurrentUser user, UUID zoneId, List<Zone> zones, Map<UUID, Zone> byId) {
		UUID root = zoneId;
		if (root == null) {
			List<Zone> tops = zones.stream()
				.filter(zone -> zone.parentId() == null || !byId.containsKey(zone.parentId()))
				.toList();
			if (tops.size() != 1) {
				return tops.stream().map(Zone::id).toList();
			}
			root = tops.get(0).id();
		}
		List<UUID> rows = new ArrayList<>();
		rows.add(root);
		for (Zone zone : zones) {
			if (root.equals(zone.parentId())) {
				rows.add(zone.id());
			}
		}
		return rows;
	}

	private static Set<UUID> subtree(UUID root, List<Zone> zones) {
		Set<UUID> subtree = new java.util.HashSet<>();
		subtree.add(root);
		boolean grew = true;
		while (grew) {
			grew = false;
			for (Zone zone : zones) {
				if (zone.parentId() != null && subtree.contains(zone.parentId()) && subtree.add(zone.id())) {
					grew = true;
				}
			}
		}
		return subtree;
	}

	/** The cells of these zones, with today's report counts. */
	private Mono<List<Cell>> cells(Set<UUID> zones, Industry industry, LocalDate today) {
		String industryFilter = industry == null ? "" : " AND industry = :industry";
		var counterQuery = database
			.sql("SELECT zone_id, industry, enterprises, filed, resumed, plate_blue, plate_yellow, plate_red, guided, "
					+ "open_supplies, open_labour, open_logistics, open_energy, open_funding, open_policy, open_other, "
					+ "returnees, in_observation FROM stats_cell WHERE zone_id = ANY(:zones)" + industryFilter)
			.bind("zones", zones.toArray(UUID[]::new));
		var reportedQuery = database
			.sql("SELECT zone_id, industry, reported FROM stats_cell_day WHERE day = :day AND zone_id = ANY(:zones)"
					+ industryFilter)
			.bind("day", today)
			.bind("zones", zones.toArray(UUID[]::new));
		if (industry != null) {
			counterQuery = counterQuery.bind("industry", industry.name());
			reportedQuery = reportedQuery.bind("industry", industry.name());
		}
		var counters = counterQuery;
		Mono<Map<String, Long>> todays = reportedQuery
			.map(row -> Map.entry(row.get("zone_id", UUID.class) + "/" + row.get("industry", String.class),
					row.get("reported", Integer.class).longValue()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return todays.flatMap(reports -> counters.map(row -> {
			UUID zone = row.get("zone_id", UUID.class);
			String name = row.get("industry", String.class);
			long[] open = new long[Counts.CATEGORIES];
			String[] columns = { "open_supplies", "open_labour", "open_logistics", "open_energy", "open_funding",
					"open_policy", "open_other" };
			for (int i = 0; i < columns.length; i++) {
				open[i] = row.get(columns[i], Integer.class);
			}
			return new Cell(zone, name,
					new Counts(row.get("enterprises", Integer.class), row.get("filed", Integer.class),
							row.get("resumed", Integer.class), row.get("plate_blue", Integer.class),
							row.get("plate_yellow", Integer.class), row.get("plate_red", Integer.class),
							row.get("guided", Integer.class), reports.getOrDefault(zone + "/" + name, 0L), open,
							row.get("returnees", Long.class), row.get("in_observation", Long.class)));
		}).all().collectList());
	}

	/** A row: a zone (with its name) or an industry, and its counters. */
	public record Row(UUID zoneId, String zoneName, String industry, Counts counts) {
	}

	/**
	 * A dashboard as of {@code asOf}: the rows by zone and by industry and the total.
	 */
	public record Dashboard(LocalDate date, Instant asOf, UUID zoneId, Industry industry, List<Row> byZone,
			List<Row> byIndustry, Counts total) {
	}

}
