package dev.fugong.region.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.region.model.RiskEntry;
import dev.fugong.region.model.RiskLevel;
import dev.fugong.region.model.RiskTimeline;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Risk levels per region (seed 004: 重点区域). The district admin sets them; every setting is
 * kept, so what held on a past date is answerable and flags can be derived from the
 * levels in force while a person travelled.
 */
@Service
public class RegionRiskService {

	private final DatabaseClient database;

	private final RegionCatalog catalog;

	private final AuditService audit;

	private final TransactionalOperator transactions;

	private final ObjectProvider<RiskChangeListener> listeners;

	private final Clock clock;

	RegionRiskService(DatabaseClient database, RegionCatalog catalog, AuditService audit,
			ReactiveTransactionManager transactions, ObjectProvider<RiskChangeListener> listeners, Clock clock) {
		this.database = database;
		this.catalog = catalog;
		this.audit = audit;
		this.transactions = TransactionalOperator.create(transactions);
		this.listeners = listeners;
		this.clock = clock;
	}

	/**
	 * Sets the region's level from {@code from} until {@code to} (open when null), then
	 * tells the listeners. Only the district admin sets risk levels.
	 */
	public Mono<RegionRisk> set(CurrentUser user, String code, RiskLevel level, Instant from, Instant to) {
		if (!user.isDistrictAdmin()) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only the district admin sets a region's risk level."));
		}
		if (!catalog.exists(code)) {
			return Mono.error(new ApiException.NotFound("Region"));
		}
		if (to != null && !to.isAfter(from)) {
			return Mono.error(new ApiException.InvalidField("to", "must be after from"));
		}
		Instant now = clock.instant();
		Mono<Void> insert = database.sql("""
				INSERT INTO region_risk (id, region_code, level, valid_from, valid_to, set_by, set_at)
				VALUES (:id, :code, :level, :from, :to, :by, :at)
				""")
			.bind("id", Ids.newId())
			.bind("code", code)
			.bind("level", level.name())
			.bind("from", from)
			.bind("to", Parameter.fromOrEmpty(to, Instant.class))
			.bind("by", user.id())
			.bind("at", now)
			.then()
			.then(audit.record(
					new AuditEntry(user.id(), "REGION_RISK_SET", "region", code, null, Map.of("level", level.name()))));
		return transactions.transactional(insert)
			.then(Flux.fromIterable(listeners.orderedStream().toList())
				.concatMap(listener -> listener.riskChanged(code))
				.then())
			.then(risk(code));
	}

	/** The region's level now and every setting of it and of the regions above it. */
	public Mono<RegionRisk> risk(String code) {
		if (!catalog.exists(code)) {
			return Mono.error(new ApiException.NotFound("Region"));
		}
		List<String> chain = catalog.chain(code);
		return entries(chain).collectList().map(entries -> {
			RiskTimeline timeline = new RiskTimeline(entries);
			Instant now = clock.instant();
			return new RegionRisk(code, catalog.fullName(code), timeline.levelAt(chain, now), entries);
		});
	}

	/** The history of every region (a few hundred settings at most). */
	public Mono<RiskTimeline> timelineAll() {
		return database
			.sql("SELECT region_code, level, valid_from, valid_to, set_at FROM region_risk ORDER BY set_at, id")
			.map(row -> new RiskEntry(row.get("region_code", String.class),
					RiskLevel.valueOf(row.get("level", String.class)), row.get("valid_from", Instant.class),
					row.get("valid_to", Instant.class), row.get("set_at", Instant.class)))
			.all()
			.collectList()
			.map(RiskTimeline::new);
	}

	/** The history of these regions, for deriving flags. */
	public Mono<RiskTimeline> timeline(Collection<String> codes) {
		return entries(codes).collectList().map(RiskTimeline::new);
	}

	private Flux<RiskEntry> entries(Collection<String> codes) {
		if (codes.isEmpty()) {
			return Flux.empty();
		}
		return database.sql("""
				SELECT region_code, level, valid_from, valid_to, set_at FROM region_risk
				WHERE region_code = ANY(:codes) ORDER BY set_at, id
				""")
			.bind("codes", codes.toArray(String[]::new))
			.map(row -> new RiskEntry(row.get("region_code", String.class),
					RiskLevel.valueOf(row.get("level", String.class)), row.get("valid_from", Instant.class),
					row.get("valid_to", Instant.class), row.get("set_at", Instant.class)))
			.all();
	}

	/**
	 * @param level in force now, the highest of the region's and its ancestors'
	 * @param history every setting of the region and its ancestors, oldest first
	 */
	public record RegionRisk(String code, String name, RiskLevel level, List<RiskEntry> history) {
	}

}
