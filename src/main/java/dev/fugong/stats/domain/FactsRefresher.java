package dev.fugong.stats.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseChanged;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.EnterpriseStandingChanged;
import dev.fugong.filing.domain.FilingService;
import dev.fugong.guide.domain.GuideAssignmentService;
import dev.fugong.guide.domain.GuideReportFiled;
import dev.fugong.guide.domain.GuideReportService;
import dev.fugong.guide.domain.GuideTeamChanged;
import dev.fugong.problem.domain.ProblemChanged;
import dev.fugong.problem.domain.ProblemService;
import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.returnee.domain.ReturneeService.Tally;
import dev.fugong.returnee.domain.ReturneesChanged;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Keeps {@code stats_enterprise} (one row of facts per enterprise) true, and through its
 * trigger the dashboards' counters (ADR 0030). Two ways in:
 * <ul>
 * <li>a committed change of an enterprise, its plate or status, its guides, its reports
 * or its problems marks the enterprise (application events); marks gathered over
 * {@code fugong.stats.debounce} are read again together, in one transaction;</li>
 * <li>every {@code fugong.stats.reconcile-every} (and shortly after start-up) every
 * enterprise is read again, in chunks: what changes with time alone (an observation
 * ending) or happened without this pod hearing of it (another pod's mark lost in a
 * restart) is corrected there.</li>
 * </ul>
 * Returnee counts change with time alone too (EXPECTED arrives, observation ends): the
 * reconciliation catches those within its period. Facts are read from the features'
 * public services and written under one PostgreSQL advisory lock for the whole
 * deployment, each read after the lock is held: a refresh never overwrites newer facts
 * with older ones. A row is rewritten only when a fact changed, so the counters move only
 * then.
 */
@Component
public class FactsRefresher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FactsRefresher.class);

	/** The advisory lock of every write to the dashboards' tables ("fsta"). */
	static final int LOCK = 0x66737461;

	private final EnterpriseService enterprises;

	private final FilingService filings;

	private final GuideAssignmentService assignments;

	private final GuideReportService reports;

	private final ProblemService problems;

	private final ReturneeService returnees;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final MeterRegistry meters;

	private final StatsProperties properties;

	private final Clock clock;

	private final Sinks.Many<UUID> marks;

	private final Disposable draining;

	FactsRefresher(EnterpriseService enterprises, FilingService filings, GuideAssignmentService assignments,
			GuideReportService reports, ProblemService problems, ReturneeService returnees, DatabaseClient database,
			ReactiveTransactionManager transactionManager, MeterRegistry meters, StatsProperties properties,
			Clock clock) {
		this.enterprises = enterprises;
		this.filings = filings;
		this.assignments = assignments;
		this.reports = reports;
		this.problems = problems;
		this.returnees = returnees;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactionManager);
		this.meters = meters;
		this.properties = properties;
		this.clock = clock;
		this.marks = Sinks.many().unicast().onBackpressureBuffer(Queues.<UUID>get(100_000).get());
		this.draining = marks.asFlux()
			// Fair backpressure: a batch due while the previous refresh still runs waits
			// for
			// it (without, the timer's batch overflows and ends the whole stream).
			.bufferTimeout(properties.batchSize(), properties.debounce(), true)
			.concatMap(batch -> refresh(new HashSet<>(batch)).onErrorResume(error -> {
				// Read again by the next reconciliation.
				log.warn("Dashboard facts of {} enterprises not refreshed: {}", batch.size(), error.toString());
				meters.counter("fugong.stats.refresh.failed").increment();
				return Mono.empty();
			}))
			.subscribe(null, error -> log
				.error("The dashboards' refresher stopped; only the reconciliation updates the counters now", error));
	}

	@EventListener
	void on(EnterpriseChanged changed) {
		mark(changed.enterpriseId());
	}

	@EventListener
	void on(EnterpriseStandingChanged changed) {
		mark(changed.enterpriseId());
	}

	@EventListener
	void on(GuideTeamChanged changed) {
		mark(changed.enterpriseId());
	}

	@EventListener
	void on(GuideReportFiled filed) {
		mark(filed.enterpriseId());
	}

	@EventListener
	void on(ProblemChanged changed) {
		mark(changed.enterpriseId());
	}

	@EventListener
	void on(ReturneesChanged changed) {
		changed.enterpriseIds().forEach(this::mark);
	}

	/** Reads the enterprise's facts again soon. */
	public void mark(UUID enterpriseId) {
		Sinks.EmitResult result;
		// Marks come from many event-loop threads; the sink takes one at a time.
		synchronized (marks) {
			result = marks.tryEmitNext(enterpriseId);
		}
		if (result.isFailure()) {
			meters.counter("fugong.stats.marks.dropped").increment();
		}
	}

	@Scheduled(fixedDelayString = "${fugong.stats.reconcile-every}",
			initialDelayString = "${fugong.stats.reconcile-delay}")
	void scheduled() {
		reconcile().subscribe(count -> log.debug("Dashboard facts reconciled: {} enterprises rewritten", count),
				error -> log.warn("Dashboard reconciliation failed; retried at the next round: {}", error.toString()));
	}

	/**
	 * Reads every enterprise's facts again, {@code batch-size} at a time, each chunk in
	 * its own transaction.
	 * @return how many facts rows changed
	 */
	public Mono<Long> reconcile() {
		return chunk(null, 0L);
	}

	private Mono<Long> chunk(UUID after, long changed) {
		return enterprises.pageAfter(after, properties.batchSize())
			.map(Enterprise::id)
			.collectList()
			.flatMap(ids -> ids.isEmpty() ? Mono.just(changed)
					: refresh(ids).flatMap(count -> chunk(ids.get(ids.size() - 1), changed + count)));
	}

	/**
	 * Reads these enterprises' facts again and writes those that changed (and removes
	 * those of enterprises no longer on file).
	 * @return how many rows changed
	 */
	public Mono<Long> refresh(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(0L);
		}
		List<UUID> ids = List.copyOf(new HashSet<>(enterpriseIds));
		Mono<Long> work = database.sql("SELECT pg_advisory_xact_lock(:lock)")
			.bind("lock", LOCK)
			.then()
			.then(gather(ids))
			.flatMap(facts -> write(facts).zipWith(removeMissing(ids, facts), Long::sum));
		return transactions.transactional(work)
			.doOnNext(count -> meters.counter("fugong.stats.facts.changed").increment(count));
	}

	/** The facts of those of these enterprises that exist, read one feature at a time. */
	private Mono<List<Facts>> gather(List<UUID> ids) {
		return enterprises.findAll(ids).collectList().flatMap(found -> {
			List<UUID> existing = found.stream().map(Enterprise::id).toList();
			return filings.filedAmong(existing)
				.flatMap(filed -> assignments.guideCounts(existing)
					.flatMap(guides -> reports.latestDays(existing)
						.flatMap(days -> problems.unresolvedCounts(existing)
							.flatMap(open -> returnees.tallies(existing)
								.map(tallies -> facts(found, filed, guides, days, open, tallies))))));
		});
	}

	private static final Tally NO_RETURNEES = new Tally(0, 0);

	private static List<Facts> facts(List<Enterprise> found, Set<UUID> filed, Map<UUID, Integer> guides,
			Map<UUID, LocalDate> days, Map<UUID, Map<ProblemCategory, Integer>> open, Map<UUID, Tally> tallies) {
		List<Facts> facts = new ArrayList<>(found.size());
		for (Enterprise enterprise : found) {
			int[] problems = new int[ProblemCategory.values().length];
			open.getOrDefault(enterprise.id(), Map.of()).forEach((category, n) -> problems[category.ordinal()] = n);
			Tally tally = tallies.getOrDefault(enterprise.id(), NO_RETURNEES);
			facts.add(new Facts(enterprise.id(), enterprise.zoneId(), enterprise.industry().name(),
					filed.contains(enterprise.id()), enterprise.status() == EnterpriseStatus.OPERATING,
					enterprise.plate() == null ? null : enterprise.plate().name(),
					guides.getOrDefault(enterprise.id(), 0), days.get(enterprise.id()), problems, tally.onFile(),
					tally.inObservation()));
		}
		return facts;
	}

	/**
	 * One statement for the chunk: the rows unnested from arrays, inserted or updated
	 * only where a fact differs (an unchanged row fires no trigger and moves no counter).
	 */
	private Mono<Long> write(List<Facts> facts) {
		if (facts.isEmpty()) {
			return Mono.just(0L);
		}
		int n = facts.size();
		UUID[] ids = new UUID[n];
		UUID[] zones = new UUID[n];
		String[] industries = new String[n];
		Boolean[] filed = new Boolean[n];
		Boolean[] resumed = new Boolean[n];
		String[] plates = new String[n];
		Integer[] guides = new Integer[n];
		String[] reported = new String[n];
		Integer[][] open = new Integer[ProblemCategory.values().length][n];
		Integer[] onFile = new Integer[n];
		Integer[] observed = new Integer[n];
		for (int i = 0; i < n; i++) {
			Facts row = facts.get(i);
			ids[i] = row.enterpriseId();
			zones[i] = row.zoneId();
			industries[i] = row.industry();
			filed[i] = row.filed();
			resumed[i] = row.resumed();
			plates[i] = row.plate();
			guides[i] = row.guides();
			reported[i] = row.reportedOn() == null ? null : row.reportedOn().toString();
			for (int c = 0; c < open.length; c++) {
				open[c][i] = row.open()[c];
			}
			onFile[i] = row.returnees();
			observed[i] = row.inObservation();
		}
		return database.sql("""
				INSERT INTO stats_enterprise AS s (enterprise_id, zone_id, industry, filed, resumed, plate, guides,
				    reported_on, open_supplies, open_labour, open_logistics, open_energy, open_funding, open_policy,
				    open_other, returnees, in_observation, refreshed_at)
				SELECT u.*, :now FROM unnest(:ids::uuid[], :zones::uuid[],
				    :industries::text[], :filed::boolean[], :resumed::boolean[], :plates::text[], :guides::integer[],
				    :reported::date[], :supplies::integer[], :labour::integer[], :logistics::integer[],
				    :energy::integer[], :funding::integer[], :policy::integer[], :other::integer[],
				    :returnees::integer[], :observed::integer[]) AS u
				ON CONFLICT (enterprise_id) DO UPDATE SET zone_id = EXCLUDED.zone_id, industry = EXCLUDED.industry,
				    filed = EXCLUDED.filed, resumed = EXCLUDED.resumed, plate = EXCLUDED.plate,
				    guides = EXCLUDED.guides, reported_on = EXCLUDED.reported_on,
				    open_supplies = EXCLUDED.open_supplies, open_labour = EXCLUDED.open_labour,
				    open_logistics = EXCLUDED.open_logistics, open_energy = EXCLUDED.open_energy,
				    open_funding = EXCLUDED.open_funding, open_policy = EXCLUDED.open_policy,
				    open_other = EXCLUDED.open_other, returnees = EXCLUDED.returnees,
				    in_observation = EXCLUDED.in_observation, refreshed_at = EXCLUDED.refreshed_at
				WHERE (s.zone_id, s.industry, s.filed, s.resumed, s.plate, s.guides, s.reported_on, s.open_supplies,
				       s.open_labour, s.open_logistics, s.open_energy, s.open_funding, s.open_policy, s.open_other,
				       s.returnees, s.in_observation)
				    IS DISTINCT FROM
				      (EXCLUDED.zone_id, EXCLUDED.industry, EXCLUDED.filed, EXCLUDED.resumed, EXCLUDED.plate,
				       EXCLUDED.guides, EXCLUDED.reported_on, EXCLUDED.open_supplies, EXCLUDED.open_labour,
				       EXCLUDED.open_logistics, EXCLUDED.open_energy, EXCLUDED.open_funding, EXCLUDED.open_policy,
				       EXCLUDED.open_other, EXCLUDED.returnees, EXCLUDED.in_observation)
				""")
			.bind("now", clock.instant())
			.bind("ids", ids)
			.bind("zones", zones)
			.bind("industries", industries)
			.bind("filed", filed)
			.bind("resumed", resumed)
			.bind("plates", plates)
			.bind("guides", guides)
			.bind("reported", reported)
			.bind("supplies", open[ProblemCategory.SUPPLIES.ordinal()])
			.bind("labour", open[ProblemCategory.LABOUR.ordinal()])
			.bind("logistics", open[ProblemCategory.LOGISTICS.ordinal()])
			.bind("energy", open[ProblemCategory.ENERGY.ordinal()])
			.bind("funding", open[ProblemCategory.FUNDING.ordinal()])
			.bind("policy", open[ProblemCategory.POLICY.ordinal()])
			.bind("other", open[ProblemCategory.OTHER.ordinal()])
			.bind("returnees", onFile)
			.bind("observed", observed)
			.fetch()
			.rowsUpdated();
	}

	/** Facts of enterprises asked about but no longer on file go (their counters too). */
	private Mono<Long> removeMissing(List<UUID> asked, List<Facts> found) {
		if (found.size() == asked.size()) {
			return Mono.just(0L);
		}
		Set<UUID> missing = new HashSet<>(asked);
		found.forEach(facts -> missing.remove(facts.enterpriseId()));
		return database.sql("DELETE FROM stats_enterprise WHERE enterprise_id = ANY(:ids)")
			.bind("ids", missing.toArray(UUID[]::new))
			.fetch()
			.rowsUpdated();
	}

	/** One enterprise's facts, as the dashboards count them. */
	record Facts(UUID enterpriseId, UUID zoneId, String industry, boolean filed, boolean resumed, String plate,
			int guides, LocalDate reportedOn, int[] open, int returnees, int inObservation) {
	}

	@Override
	public void destroy() {
		draining.dispose();
	}

}
