package dev.fugong.stats.domain;

import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Zone;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.replica.ReplicaReads;
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

	private final StatsProperties properties;

	private final Clock clock;

	private final FactsRefresher refresher;

	private final AuditService audit;

	private final ReplicaReads replicas;

	StatsService(EnterpriseService enterprises, ReplicaReads replicas, StatsProperties properties, Clock clock,
			FactsRefresher refresher, AuditService audit) {
		this.enterprises = enterprises;
		this.replicas = replicas;
		this.properties = properties;
		this.clock = clock;
		this.refresher = refresher;
		this.audit = audit;
		this.cells = Caffeine.newBuilder().expireAfterWrite(properties.cellsFor()).maximumSize(64).buildAsync();
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
		LocalDate today = today();
		return zoneTree().flatMap(tree -> {
			// The caller's zones, worked out from the cached tree: no query per request.
			Set<UUID> scope = user.isDistrictAdmin() ? tree.byId().keySet() : tree.subtrees(user.officialZones());
			if (zoneId != null && !scope.contains(zoneId)) {
				return Mono
					.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
			}
			// Everyone asking for the same zones of the same read gets the same
			// dashboard:
			// built once per read of the counters, not once per request.
			DashboardKey key = new DashboardKey(user.isDistrictAdmin() ? null : user.officialZones(), zoneId);
			return cells(today, industry).map(snapshot -> snapshot.dashboards()
				.computeIfAbsent(key, k -> dashboard(snapshot, zoneId, industry, tree, scope)));
		});
	}

	private Dashboard dashboard(Snapshot snapshot, UUID zoneId, Industry industry, ZoneTree tree, Set<UUID> scope) {
		List<Zone> visible = tree.zones().stream().filter(zone -> scope.contains(zone.id())).toList();
		List<UUID> rowZones = rowZones(zoneId, visible, scope);
		Set<UUID> inScope = zoneId == null ? scope : tree.subtrees(Set.of(zoneId));
		List<Cell> found = snapshot.cells().stream().filter(cell -> inScope.contains(cell.zoneId())).toList();
		return dashboard(snapshot.day(), snapshot.readAt(), zoneId, industry, found, tree, rowZones);
	}

	/**
	 * The caller's scope (null: the district) and the zone asked for: with the read of
	 * the counters and the industry, what a dashboard depends on.
	 */
	private record DashboardKey(Set<UUID> officialZones, UUID zoneId) {
	}

	private Dashboard dashboard(LocalDate today, Instant asOf, UUID zoneId, Industry industry, List<Cell> cells,
			ZoneTree tree, List<UUID> rowZones) {
		List<Row> byZone = new ArrayList<>();
		Rollup.byZone(cells, tree.parents(), rowZones).forEach((id, counts) -> {
			Zone zone = tree.byId().get(id);
			byZone.add(new Row(id, zone.name(), null, counts));
		});
		List<Row> byIndustry = new ArrayList<>();
		List<String> industries = industry == null ? INDUSTRIES : List.of(industry.name());
		Rollup.byIndustry(cells, industries)
			.forEach((name, counts) -> byIndustry.add(new Row(null, null, name, counts)));
		return new Dashboard(today, asOf, zoneId, industry, byZone, byIndustry, Rollup.total(cells));
	}

	private static final List<String> INDUSTRIES = Arrays.stream(Industry.values()).map(Industry::name).toList();

	/**
	 * The rows by zone: the zone asked for (its own enterprises) and its children; with
	 * none asked, the same below the top zone in scope (the district for the admin), or
	 * each of the caller's top zones when it has several.
	 */
	private static List<UUID> rowZones(UUID zoneId, List<Zone> visible, Set<UUID> scope) {
		UUID root = zoneId;
		if (root == null) {
			List<UUID> tops = visible.stream()
				.filter(zone -> zone.parentId() == null || !scope.contains(zone.parentId()))
				.map(Zone::id)
				.toList();
			if (tops.size() != 1) {
				return tops;
			}
			root = tops.get(0);
		}
		List<UUID> rows = new ArrayList<>();
		rows.add(root);
		for (Zone zone : visible) {
			if (root.equals(zone.parentId())) {
				rows.add(zone.id());
			}
		}
		return rows;
	}

	/**
	 * The zones, a few seconds old at most: they change rarely (a new grid shows on the
	 * dashboards within {@link #ZONES_FOR}), and every dashboard needs them.
	 */
	private Mono<ZoneTree> zoneTree() {
		return Mono
			.fromFuture(
					() -> zoneTree.get(Boolean.TRUE,
							(key, executor) -> enterprises.allZones().collectList().map(ZoneTree::of).toFuture()),
					true);
	}

	static final Duration ZONES_FOR = Duration.ofSeconds(5);

	private final AsyncCache<CellsKey, Snapshot> cells;

	private final AsyncCache<Boolean, ZoneTree> zoneTree = Caffeine.newBuilder()
		.expireAfterWrite(ZONES_FOR)
		.maximumSize(1)
		.buildAsync();

	/** Every zone, by id, with its parent. */
	record ZoneTree(List<Zone> zones, Map<UUID, Zone> byId, Map<UUID, UUID> parents, Map<UUID, List<UUID>> children) {

		static ZoneTree of(List<Zone> zones) {
			Map<UUID, Zone> byId = new LinkedHashMap<>();
			Map<UUID, UUID> parents = new HashMap<>();
			Map<UUID, List<UUID>> children = new HashMap<>();
			for (Zone zone : zones) {
				byId.put(zone.id(), zone);
				parents.put(zone.id(), zone.parentId());
				if (zone.parentId() != null) {
					children.computeIfAbsent(zone.parentId(), id -> new ArrayList<>()).add(zone.id());
				}
			}
			return new ZoneTree(List.copyOf(zones), Map.copyOf(byId), java.util.Collections.unmodifiableMap(parents),
					Map.copyOf(children));
		}

		/** The roots given (those that exist) and every zone under them. */
		Set<UUID> subtrees(Set<UUID> roots) {
			Set<UUID> subtree = new java.util.HashSet<>();
			java.util.ArrayDeque<UUID> next = new java.util.ArrayDeque<>();
			roots.stream().filter(byId::containsKey).forEach(next::add);
			while (!next.isEmpty()) {
				UUID zone = next.poll();
				if (subtree.add(zone)) {
					next.addAll(children.getOrDefault(zone, List.of()));
				}
			}
			return subtree;
		}

	}

	/**
	 * Every cell (of one industry, if given) with the day's report counts, read at most
	 * once per {@code fugong.stats.cells-for} on this pod and shared by every dashboard
	 * asked meanwhile (each takes the cells of its scope): officials opening their
	 * dashboards at the same hour cost one read.
	 */
	private Mono<Snapshot> cells(LocalDate today, Industry industry) {
		return Mono.fromFuture(() -> cells.get(new CellsKey(today, industry), (key, executor) -> {
			Instant readAt = clock.instant();
			return readCells(key.day(), key.industry())
				.map(read -> new Snapshot(key.day(), readAt, read, new ConcurrentHashMap<>()))
				.toFuture();
		}), true);
	}

	/**
	 * One read of the counters: the day, when it was read (a dashboard's {@code asOf}),
	 * the cells, and the dashboards built from them so far (they go with it).
	 */
	private record Snapshot(LocalDate day, Instant readAt, List<Cell> cells,
			ConcurrentHashMap<DashboardKey, Dashboard> dashboards) {
	}

	private record CellsKey(LocalDate day, Industry industry) {
	}

	/**
	 * The cells (of one industry, if given) with the day's report counts: one query on a
	 * table of a row per zone and industry (171 rows for the benchmark's 60 zones).
	 */
	private Mono<List<Cell>> readCells(LocalDate today, Industry industry) {
		// Counters a second or two old are what a dashboard shows anyway (cells-for): on
		// the replica when there is one.
		return replicas.read(client -> readCells(client, today, industry));
	}

	private static Mono<List<Cell>> readCells(DatabaseClient client, LocalDate today, Industry industry) {
		String where = " WHERE true" + (industry == null ? "" : " AND c.industry = :industry");
		var query = client
			.sql("SELECT c.zone_id, c.industry, c.enterprises, c.filed, c.resumed, c.plate_blue, "
					+ "c.plate_yellow, c.plate_red, c.guided, coalesce(d.reported, 0) AS reported, c.open_supplies, "
					+ "c.open_labour, c.open_logistics, c.open_energy, c.open_funding, c.open_policy, c.open_other, "
					+ "c.returnees, c.in_observation FROM stats_cell c LEFT JOIN stats_cell_day d ON d.day = :day "
					+ "AND d.zone_id = c.zone_id AND d.industry = c.industry" + where)
			.bind("day", today);
		if (industry != null) {
			query = query.bind("industry", industry.name());
		}
		// Columns by position: the row's name lookups were most of a request's CPU.
		return query.map(row -> {
			long[] open = new long[Counts.CATEGORIES];
			for (int i = 0; i < Counts.CATEGORIES; i++) {
				open[i] = row.get(10 + i, Integer.class);
			}
			return new Cell(row.get(0, UUID.class), row.get(1, String.class),
					new Counts(row.get(2, Integer.class), row.get(3, Integer.class), row.get(4, Integer.class),
							row.get(5, Integer.class), row.get(6, Integer.class), row.get(7, Integer.class),
							row.get(8, Integer.class), row.get(9, Integer.class), open, row.get(17, Long.class),
							row.get(18, Long.class)));
		}).all().collectList().map(List::copyOf);
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
