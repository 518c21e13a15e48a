package dev.fugong.guide.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Overseen;
import dev.fugong.guide.model.Figures;
import dev.fugong.guide.model.MissingReports;
import dev.fugong.guide.model.ReportRules;
import dev.fugong.guide.model.Stationing;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.scanin.domain.ScanCounts;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.transaction.AfterCommit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 指导员日报: a guide files the day's report on an enterprise it is stationed in; a second
 * filing the same day amends it, the earlier version kept. The form comes prefilled with
 * what the platform knows (people admitted at the gates today), so a guide confirms
 * rather than counts. Officials read the reports of their zones and see which enterprises
 * have not filed ({@link #missing}).
 * <p>
 * Only a guide of the enterprise (a GUIDE grant for it in its token) files; officials
 * over the enterprise and its guides read. A report of an enterprise outside the caller's
 * scope is "not found".
 */
@Service
public class GuideReportService {

	/** The first half of the advisory lock of an enterprise's day ("fgrp"). */
	private static final int DAY_LOCK = 0x66677270;

	/** A list spans at most this many days. */
	static final int MAX_RANGE_DAYS = 366;

	private static final String COLUMNS = "id, enterprise_id, report_date, version, returned, planned, local, "
			+ "out_of_town, in_observation, notes, filed_by, filed_at, superseded_at";

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final GuideAssignmentService assignments;

	private final ScanCounts scans;

	private final ReturneeService returnees;

	private final AuditService audit;

	private final ApplicationEventPublisher events;

	private final ReportRules rules;

	private final MissingReports missingReports;

	private final ZoneId zone;

	private final Clock clock;

	GuideReportService(DatabaseClient database, EnterpriseService enterprises, GuideAssignmentService assignments,
			ScanCounts scans, ReturneeService returnees, AuditService audit, ApplicationEventPublisher events,
			GuideProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.assignments = assignments;
		this.scans = scans;
		this.returnees = returnees;
		this.audit = audit;
		this.events = events;
		this.zone = properties.zone();
		this.clock = clock;
		this.rules = new ReportRules(clock, zone);
		this.missingReports = new MissingReports(clock, zone);
	}

	/** The district's today. */
	public LocalDate today() {
		return rules.today();
	}

	/**
	 * Files the day's report, or amends it: the version in force is superseded and kept.
	 * @param date the day (null: today); only today is accepted
	 */
	@Transactional
	public Mono<Filed> file(CurrentUser guide, UUID enterpriseId, LocalDate date, Figures figures, String notes) {
		LocalDate day = date == null ? rules.today() : date;
		return requireGuide(guide, enterpriseId)
			.then(rules.check(day, figures)
				.<Mono<Void>>map(refusal -> Mono.error(GuideAssignmentService.exception(refusal)))
				.orElse(Mono.empty()))
			// Two filings of the same enterprise and day, on any pods, one after the
			// other:
			// each amends the one before it.
			.then(database.sql("SELECT pg_advisory_xact_lock(:lock, hashtext(:key))")
				.bind("lock", DAY_LOCK)
				.bind("key", enterpriseId + ":" + day)
				.then())
			.then(database
				.sql("UPDATE guide_report SET superseded_at = :now WHERE enterprise_id = :enterprise "
						+ "AND report_date = :day AND superseded_at IS NULL RETURNING id, version")
				.bind("now", clock.instant())
				.bind("enterprise", enterpriseId)
				.bind("day", day)
				.map(row -> new Previous(row.get("id", UUID.class), row.get("version", Integer.class)))
				.one()
				.map(java.util.Optional::of)
				.defaultIfEmpty(java.util.Optional.empty()))
			.flatMap(previous -> {
				int version = ReportRules.nextVersion(previous.map(Previous::version).orElse(null));
				GuideReport report = new GuideReport(Ids.newId(), enterpriseId, day, version, figures, notes,
						guide.id(), clock.instant(), null);
				return database.sql("INSERT INTO guide_report (" + COLUMNS + ") VALUES (:id, :enterprise, :day, "
						+ ":version, :returned, :planned, :local, :outOfTown, :inObservation, :notes, :by, :at, NULL)")
					.bind("id", report.id())
					.bind("enterprise", enterpriseId)
					.bind("day", day)
					.bind("version", version)
					.bind("returned", figures.returned())
					.bind("planned", figures.planned())
					.bind("local", figures.local())
					.bind("outOfTown", figures.outOfTown())
					.bind("inObservation", figures.inObservation())
					.bind("notes", Parameter.fromOrEmpty(notes, String.class))
					.bind("by", guide.id())
					.bind("at", report.filedAt())
					.then()
					.then(audit.record(new AuditEntry(guide.id(), "GUIDE_REPORT_FILED", "guide_report",
							report.id().toString(), null,
							Map.of("enterpriseId", enterpriseId.toString(), "date", day.toString(), "version",
									version))))
					.then(AfterCommit.run(() -> events.publishEvent(new GuideReportFiled(enterpriseId, day))))
					.thenReturn(new Filed(report, previous.map(Previous::id).orElse(null)));
			});
	}

	private record Previous(UUID id, int version) {
	}

	/** A report as filed, and the version it amends (null for the day's first). */
	public record Filed(GuideReport report, UUID amends) {
	}

	/**
	 * The reports in force of the enterprises the caller may read, newest day first: a
	 * guide's own enterprises, an official's zones; filtered by enterprise (404 outside
	 * the scope), zone (403 outside) and days (at most {@value #MAX_RANGE_DAYS}; by
	 * default the last 30).
	 */
	public Mono<Page> list(CurrentUser user, UUID enterpriseId, UUID zoneId, LocalDate from, LocalDate to, int page,
			int size) {
		LocalDate last = to == null ? rules.today() : to;
		LocalDate first = from == null ? last.minusDays(29) : from;
		if (first.isAfter(last)) {
			return Mono.error(new ApiException.InvalidField("from", "must not be after to"));
		}
		if (first.plusDays(MAX_RANGE_DAYS).isBefore(last.plusDays(1))) {
			return Mono.error(new ApiException.InvalidField("from", "spans more than " + MAX_RANGE_DAYS + " days"));
		}
		return readableScope(user, enterpriseId, zoneId).flatMap(scope -> {
			if (scope.isEmpty()) {
				return Mono.just(new Page(List.of(), 0));
			}
			String where = " WHERE superseded_at IS NULL AND report_date BETWEEN :first AND :last"
					+ (scope.all() ? "" : " AND enterprise_id = ANY(:ids)");
			var select = database
				.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM guide_report" + where
						+ " ORDER BY report_date DESC, enterprise_id LIMIT :limit OFFSET :offset")
				.bind("first", first)
				.bind("last", last);
			if (!scope.all()) {
				select = select.bind("ids", scope.enterpriseIds().toArray(UUID[]::new));
			}
			return select.bind("limit", size)
				.bind("offset", (long) page * size)
				.map(row -> Map.entry(read(row), row.get("total", Long.class)))
				.all()
				.collectList()
				.map(rows -> new Page(rows.stream().map(Map.Entry::getKey).toList(),
						rows.isEmpty() ? 0 : rows.get(0).getValue()));
		});
	}

	/** A page of reports and how many match. */
	public record Page(List<GuideReport> items, long total) {
	}

	/**
	 * One report with every version of its enterprise's day, oldest first; "not found"
	 * outside the caller's scope.
	 */
	public Mono<WithVersions> get(CurrentUser user, UUID reportId) {
		return database.sql("SELECT " + COLUMNS + " FROM guide_report WHERE id = :id")
			.bind("id", reportId)
			.map(GuideReportService::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Guide report")))
			.flatMap(report -> requireReader(user, report.enterpriseId())
				.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Guide report"))
				.then(database
					.sql("SELECT " + COLUMNS + " FROM guide_report WHERE enterprise_id = :enterprise "
							+ "AND report_date = :day ORDER BY version")
					.bind("enterprise", report.enterpriseId())
					.bind("day", report.date())
					.map(GuideReportService::read)
					.all()
					.collectList())
				.map(versions -> new WithVersions(report, versions)));
	}

	/** A report and all the versions of its day. */
	public record WithVersions(GuideReport report, List<GuideReport> versions) {
	}

	/**
	 * Today's form for a guide of the enterprise: today's report in force if filed (to
	 * amend), else what the platform knows: the people admitted at the enterprise's gates
	 * today as {@code returned}, its returnees in observation now as
	 * {@code inObservation}, and {@code planned} from the latest report. Each prefilled
	 * figure names its source; figures the platform does not know are null.
	 */
	public Mono<Draft> draft(CurrentUser guide, UUID enterpriseId) {
		return requireGuide(guide, enterpriseId).then(draft(enterpriseId));
	}

	/** {@link #draft(CurrentUser, UUID)} for an enterprise already checked. */
	Mono<Draft> draft(UUID enterpriseId) {
		LocalDate today = rules.today();
		return latest(enterpriseId).map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap(latest -> {
				if (latest.isPresent() && latest.get().date().equals(today)) {
					GuideReport current = latest.get();
					Figures figures = current.figures();
					return Mono.just(new Draft(enterpriseId, today, figures.returned(), figures.planned(),
							figures.local(), figures.outOfTown(), figures.inObservation(),
							sources(Map.of("returned", Source.TODAY_REPORT, "planned", Source.TODAY_REPORT, "local",
									Source.TODAY_REPORT, "outOfTown", Source.TODAY_REPORT, "inObservation",
									Source.TODAY_REPORT)),
							current));
				}
				return scans.admittedPeople(enterpriseId, today)
					.zipWith(returnees.tallies(List.of(enterpriseId)))
					.map(known -> {
						long admitted = known.getT1();
						Map<String, Source> sources = new LinkedHashMap<>();
						sources.put("returned", Source.SCANS);
						Integer planned = null;
						if (latest.isPresent()) {
							planned = latest.get().figures().planned();
							sources.put("planned", Source.LAST_REPORT);
						}
						ReturneeService.Tally tally = known.getT2().get(enterpriseId);
						sources.put("inObservation", Source.RETURNEES);
						return new Draft(enterpriseId, today, Math.toIntExact(Math.min(admitted, Integer.MAX_VALUE)),
								planned, null, null, tally == null ? 0 : tally.inObservation(), sources(sources), null);
					});
			});
	}

	private static Map<String, Source> sources(Map<String, Source> sources) {
		return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
	}

	/**
	 * Where a prefilled figure comes from: today's report already filed, the people the
	 * gates admitted today, the latest earlier report, the returnees on file.
	 */
	public enum Source {

		TODAY_REPORT, SCANS, LAST_REPORT, RETURNEES

	}

	/**
	 * Today's report form of an enterprise: the figures known (null where not), their
	 * sources, and today's report in force if any.
	 */
	public record Draft(UUID enterpriseId, LocalDate date, Integer returned, Integer planned, Integer local,
			Integer outOfTown, Integer inObservation, Map<String, Source> sources, GuideReport current) {
	}

	/**
	 * The enterprises the caller oversees (in {@code zoneId}'s subtree if given) that owe
	 * the day's report: a guide stationed there when the day is taken, and no report.
	 * Sorted by enterprise name; a page of them and how many in all.
	 */
	public Mono<MissingPage> missing(CurrentUser official, LocalDate date, UUID zoneId, int page, int size) {
		LocalDate day = date == null ? rules.today() : date;
		return missingReports.check(day)
			.<Mono<MissingPage>>map(refusal -> Mono.error(GuideAssignmentService.exception(refusal)))
			.orElseGet(() -> enterprises.overseen(official, zoneId)
				.flatMap(scope -> scope.isEmpty() ? Mono.just(List.<Owing>of()) : owing(scope, day))
				.map(all -> new MissingPage(day, all.stream().skip((long) page * size).limit(size).toList(),
						all.size())));
	}

	/** The enterprises that owe the day's report, everywhere: whom to remind. */
	public Mono<List<Owing>> missingEverywhere(LocalDate day) {
		return owing(Overseen.everything(), day);
	}

	private Mono<List<Owing>> owing(Overseen scope, LocalDate day) {
		Instant from = day.atStartOfDay(zone).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
		Collection<UUID> ids = scope.all() ? null : scope.enterpriseIds();
		return assignments.activeBetween(ids, from, to)
			.map(GuideAssignment::stationing)
			.collectList()
			.flatMap(stationings -> {
				Set<UUID> candidates = new HashSet<>();
				stationings.forEach(stationing -> candidates.add(stationing.enterpriseId()));
				return reportedOn(day, candidates).map(reported -> missingReports.find(day, stationings, reported))
					.flatMap(missing -> enterprises
						.findAll(missing.stream().map(MissingReports.Missing::enterpriseId).toList())
						.collectMap(Enterprise::id)
						.map(named -> {
							List<Owing> owing = new ArrayList<>();
							for (MissingReports.Missing one : missing) {
								Enterprise enterprise = named.get(one.enterpriseId());
								if (enterprise != null) {
									owing.add(new Owing(enterprise, one.guides()));
								}
							}
							owing.sort(Comparator.comparing((Owing o) -> o.enterprise().name())
								.thenComparing(o -> o.enterprise().id()));
							return owing;
						}));
			});
	}

	/** An enterprise owing the day's report, and its guides that day. */
	public record Owing(Enterprise enterprise, List<Stationing> guides) {
	}

	/** A page of the enterprises owing a day's report, and how many in all. */
	public record MissingPage(LocalDate date, List<Owing> items, long total) {
	}

	/** Which of these enterprises have a report for the day. */
	public Mono<Set<UUID>> reportedOn(LocalDate day, Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return database
			.sql("SELECT enterprise_id FROM guide_report WHERE report_date = :day AND superseded_at IS NULL "
					+ "AND enterprise_id = ANY(:ids)")
			.bind("day", day)
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(HashSet<UUID>::new, Set::add);
	}

	/**
	 * The day of each enterprise's latest report (those without one are absent): for the
	 * dashboards' coverage.
	 */
	public Mono<Map<UUID, LocalDate>> latestDays(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		// One backward step on guide_report_current_uq per enterprise, however many days
		// of reports it has.
		return database.sql("""
				SELECT e.id, (SELECT r.report_date FROM guide_report r
				              WHERE r.enterprise_id = e.id AND r.superseded_at IS NULL
				              ORDER BY r.report_date DESC LIMIT 1) AS day
				FROM unnest(:ids::uuid[]) AS e(id)
				""")
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.map(row -> new Object[] { row.get("id", UUID.class), row.get("day", LocalDate.class) })
			.all()
			.filter(pair -> pair[1] != null)
			.collectMap(pair -> (UUID) pair[0], pair -> (LocalDate) pair[1]);
	}

	private Mono<GuideReport> latest(UUID enterpriseId) {
		return database
			.sql("SELECT " + COLUMNS + " FROM guide_report WHERE enterprise_id = :enterprise "
					+ "AND superseded_at IS NULL ORDER BY report_date DESC LIMIT 1")
			.bind("enterprise", enterpriseId)
			.map(GuideReportService::read)
			.one();
	}

	/**
	 * A guide of the enterprise (by its token's grants): 404 for an enterprise the caller
	 * cannot see at all, 403 for one it sees otherwise (an official, a manager).
	 */
	private Mono<Enterprise> requireGuide(CurrentUser user, UUID enterpriseId) {
		if (user.holdsFor(enterpriseId, Role.GUIDE)) {
			return enterprises.find(enterpriseId);
		}
		return enterprises.get(user, enterpriseId)
			.then(Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only the guides stationed in the enterprise file its daily report.")));
	}

	/** A guide of the enterprise, or an official over it. */
	private Mono<Enterprise> requireReader(CurrentUser user, UUID enterpriseId) {
		if (user.holdsFor(enterpriseId, Role.GUIDE)) {
			return enterprises.find(enterpriseId);
		}
		return enterprises.requireOverseen(user, enterpriseId);
	}

	/** The enterprises whose reports the caller may list, narrowed by the filters. */
	private Mono<Overseen> readableScope(CurrentUser user, UUID enterpriseId, UUID zoneId) {
		if (enterpriseId != null) {
			return requireReader(user, enterpriseId).flatMap(enterprise -> {
				if (zoneId == null) {
					return Mono.just(new Overseen(false, Set.of(enterprise.id())));
				}
				return enterprises.zoneSubtree(zoneId)
					.map(zones -> new Overseen(false,
							zones.contains(enterprise.zoneId()) ? Set.of(enterprise.id()) : Set.of()));
			});
		}
		Set<UUID> guided = user.enterprisesAs(Role.GUIDE);
		if (!user.hasAny(Role.OFFICIAL, Role.DISTRICT_ADMIN)) {
			if (zoneId == null) {
				return Mono.just(new Overseen(false, guided));
			}
			return enterprises.zoneSubtree(zoneId)
				.flatMap(zones -> enterprises.findAll(guided)
					.filter(enterprise -> zones.contains(enterprise.zoneId()))
					.map(Enterprise::id)
					.collect(HashSet<UUID>::new, Set::add))
				.map(ids -> new Overseen(false, ids));
		}
		return enterprises.overseen(user, zoneId).map(overseen -> {
			if (overseen.all() || guided.isEmpty() || zoneId != null) {
				return overseen;
			}
			Set<UUID> both = new HashSet<>(overseen.enterpriseIds());
			both.addAll(guided);
			return new Overseen(false, both);
		});
	}

	static GuideReport read(Readable row) {
		return new GuideReport(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				row.get("report_date", LocalDate.class), row.get("version", Integer.class),
				new Figures(row.get("returned", Integer.class), row.get("planned", Integer.class),
						row.get("local", Integer.class), row.get("out_of_town", Integer.class),
						row.get("in_observation", Integer.class)),
				row.get("notes", String.class), row.get("filed_by", UUID.class), row.get("filed_at", Instant.class),
				row.get("superseded_at", Instant.class));
	}

}
