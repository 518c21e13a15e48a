package dev.fugong.stats.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.stats.domain.StatsService;
import dev.fugong.stats.domain.StatsService.Dashboard;
import dev.fugong.stats.domain.StatsTables;
import dev.fugong.stats.domain.StatsTables.By;
import dev.fugong.stats.domain.StatsTables.Kind;
import dev.fugong.stats.model.Counts;
import dev.fugong.shared.web.FileAnswer;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards of officials and the district admin, from the maintained counters (ADR
 * 0030): resumption, guides' report coverage today, unresolved problems; each by zone and
 * by industry, and as a CSV or XLSX file for the district's daily report (日报).
 */
@RestController
@RequestMapping(path = "/api/v1/stats")
class StatsController {

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final StatsService stats;

	StatsController(StatsService stats) {
		this.stats = stats;
	}

	/**
	 * Per zone and industry: enterprises, filed, resumed, the resumption rate, plates by
	 * colour, guided enterprises and today's reports, unresolved problems.
	 */
	@GetMapping(path = "/resumption", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Answer<ResumptionRow>> resumptionStats(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId, @RequestParam(required = false) Industry industry) {
		return stats.dashboard(user, zoneId, industry).map(dashboard -> Answer.of(dashboard, ResumptionRow::of));
	}

	/** Per zone and industry: guided enterprises, reported today, missing, coverage. */
	@GetMapping(path = "/guide-reports", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Answer<CoverageRow>> guideReportStats(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId, @RequestParam(required = false) Industry industry) {
		return stats.dashboard(user, zoneId, industry).map(dashboard -> Answer.of(dashboard, CoverageRow::of));
	}

	/** Per zone and industry: unresolved problems by category. */
	@GetMapping(path = "/problems", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Answer<ProblemsRow>> problemStats(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId, @RequestParam(required = false) Industry industry) {
		return stats.dashboard(user, zoneId, industry).map(dashboard -> Answer.of(dashboard, ProblemsRow::of));
	}

	/**
	 * One table as a file: {@code table} resumption, guide-reports or problems;
	 * {@code by} zone or industry; {@code format} csv or xlsx.
	 */
	@GetMapping(path = "/{table}/export",
			produces = { "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
	Mono<ResponseEntity<byte[]>> exportStats(@AuthenticationPrincipal CurrentUser user, @PathVariable String table,
			@RequestParam(defaultValue = "zone") @Pattern(regexp = "zone|industry") String by,
			@RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format,
			@RequestParam(required = false) UUID zoneId, @RequestParam(required = false) Industry industry) {
		Kind kind = switch (table) {
			case "resumption" -> Kind.RESUMPTION;
			case "guide-reports" -> Kind.GUIDE_REPORTS;
			case "problems" -> Kind.PROBLEMS;
			default -> null;
		};
		if (kind == null) {
			return Mono.error(new ApiException.NotFound("Table"));
		}
		By rows = switch (by) {
			case "zone" -> By.ZONE;
			case "industry" -> By.INDUSTRY;
			default -> null;
		};
		if (rows == null) {
			return Mono.error(new ApiException.InvalidField("by", "must be zone or industry"));
		}
		if (!format.equals("csv") && !format.equals("xlsx")) {
			return Mono.error(new ApiException.InvalidField("format", "must be csv or xlsx"));
		}
		return stats.dashboard(user, zoneId, industry).flatMap(dashboard -> {
			StatsTables.Table written = StatsTables.table(dashboard, kind, rows);
			String name = table + "-" + by + "-" + dashboard.date() + "." + format;
			return file(
					format.equals("csv") ? () -> StatsTables.csv(written) : () -> StatsTables.xlsx(List.of(written)),
					format.equals("csv") ? CSV : XLSX, name);
		});
	}

	/** The daily report (日报): every table by zone and by industry, a sheet each. */
	@FileAnswer("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	@GetMapping(path = "/daily-report.xlsx", produces = {
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON_VALUE })
	Mono<ResponseEntity<byte[]>> dailyReportXlsx(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId) {
		return stats.dashboard(user, zoneId, null).flatMap(dashboard -> {
			List<StatsTables.Table> tables = new ArrayList<>();
			for (Kind kind : Kind.values()) {
				for (By by : By.values()) {
					tables.add(StatsTables.table(dashboard, kind, by));
				}
			}
			return file(() -> StatsTables.xlsx(tables), XLSX, "daily-report-" + dashboard.date() + ".xlsx");
		});
	}

	/**
	 * The district admin recounts every enterprise now (as the scheduled reconciliation
	 * does), after a repair or a bulk load outside the API: how many enterprises' facts
	 * changed and how long it took.
	 */
	@PostMapping(path = "/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Reconciled> reconcileStats(@AuthenticationPrincipal CurrentUser user) {
		long started = System.nanoTime();
		return stats.reconcile(user).map(changed -> new Reconciled(changed, (System.nanoTime() - started) / 1_000_000));
	}

	/** A recount: enterprises whose facts changed, and how long it took. */
	record Reconciled(long changed, long millis) {
	}

	private static Mono<ResponseEntity<byte[]>> file(java.util.concurrent.Callable<byte[]> writer, MediaType type,
			String name) {
		return Mono.fromCallable(writer)
			.subscribeOn(Schedulers.boundedElastic())
			.map(bytes -> ResponseEntity.ok()
				.contentType(type)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(name).build().toString())
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.body(bytes));
	}

	/**
	 * A dashboard: the day, when it was read, the filters, the rows by zone and by
	 * industry, and the total.
	 */
	record Answer<R>(LocalDate date, Instant asOf, UUID zoneId, Industry industry, List<R> byZone, List<R> byIndustry,
			R total) {

		static <R> Answer<R> of(Dashboard dashboard, Function<StatsService.Row, R> row) {
			return new Answer<>(dashboard.date(), dashboard.asOf(), dashboard.zoneId(), dashboard.industry(),
					dashboard.byZone().stream().map(row).toList(), dashboard.byIndustry().stream().map(row).toList(),
					row.apply(new StatsService.Row(null, null, null, dashboard.total())));
		}

	}

	/**
	 * Resumption of a zone or an industry. {@code plates} counts BLUE, YELLOW, RED and
	 * NONE (no plate yet); rates are 0 to 1; {@code returnees} are those on file of its
	 * enterprises, {@code inObservation} those of them in their observation period now
	 * (IN_OBSERVATION or REPORT_OVERDUE).
	 */
	record ResumptionRow(UUID zoneId, String zoneName, Industry industry, String industryLabel, long enterprises,
			long filed, long resumed, double resumptionRate, Map<String, Long> plates, long guided, long reportedToday,
			double reportCoverage, long openProblems, long returnees, long inObservation) {

		static ResumptionRow of(StatsService.Row row) {
			Counts counts = row.counts();
			Map<String, Long> plates = new LinkedHashMap<>();
			plates.put("BLUE", counts.blue());
			plates.put("YELLOW", counts.yellow());
			plates.put("RED", counts.red());
			plates.put("NONE", counts.noPlate());
			Industry industry = StatsController.industryOf(row.industry());
			return new ResumptionRow(row.zoneId(), row.zoneName(), industry, industry == null ? null : industry.label(),
					counts.enterprises(), counts.filed(), counts.resumed(), counts.resumptionRate(), plates,
					counts.guided(), Math.min(counts.reported(), counts.guided()), counts.reportCoverage(),
					counts.openProblems(), counts.returnees(), counts.inObservation());
		}

	}

	/** Guides' reports today, of a zone or an industry. */
	record CoverageRow(UUID zoneId, String zoneName, Industry industry, String industryLabel, long guided,
			long reported, long missing, double coverage) {

		static CoverageRow of(StatsService.Row row) {
			Counts counts = row.counts();
			Industry industry = StatsController.industryOf(row.industry());
			return new CoverageRow(row.zoneId(), row.zoneName(), industry, industry == null ? null : industry.label(),
					counts.guided(), Math.min(counts.reported(), counts.guided()), counts.missing(),
					counts.reportCoverage());
		}

	}

	/** Unresolved problems of a zone or an industry, by category. */
	record ProblemsRow(UUID zoneId, String zoneName, Industry industry, String industryLabel,
			Map<ProblemCategory, Long> open, long total) {

		static ProblemsRow of(StatsService.Row row) {
			Counts counts = row.counts();
			Map<ProblemCategory, Long> open = new LinkedHashMap<>();
			long[] byCategory = counts.open();
			for (ProblemCategory category : ProblemCategory.values()) {
				open.put(category, byCategory[category.ordinal()]);
			}
			Industry industry = StatsController.industryOf(row.industry());
			return new ProblemsRow(row.zoneId(), row.zoneName(), industry, industry == null ? null : industry.label(),
					open, counts.openProblems());
		}

	}

	static Industry industryOf(String name) {
		if (name == null) {
			return null;
		}
		try {
			return Industry.valueOf(name);
		}
		catch (IllegalArgumentException unknown) {
			return null;
		}
	}

}
