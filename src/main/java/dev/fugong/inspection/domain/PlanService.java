package dev.fugong.inspection.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.inspection.model.Sampling;
import dev.fugong.inspection.model.Sampling.Candidate;
import dev.fugong.inspection.model.Sampling.Pick;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inspection plans (抽查): a seeded draw of at least a third of a zone's or an industry's
 * enterprises, the large ones always in ({@link Sampling}). The seed, the fraction, the
 * threshold and the population size are stored, so the draw can be repeated by anyone.
 */
@Service
public class PlanService {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final InspectionProperties properties;

	private final Clock clock;

	PlanService(DatabaseClient database, EnterpriseService enterprises, AuditService audit,
			InspectionProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Draws a plan over the zone's subtree (or all the caller oversees) and, if given, an
	 * industry.
	 * @param seed null for a random one
	 */
	@Transactional
	public Mono<Plan> create(CurrentUser official, UUID zoneId, Industry industry, BigDecimal fraction, String seed) {
		if (fraction.compareTo(Sampling.ONE_THIRD) < 0) {
			return Mono
				.error(new ApiException.InvalidField("fraction", "must be at least 1/3 (0.3333): 抽查比例不低于总数的1/3"));
		}
		if (fraction.compareTo(BigDecimal.ONE) > 0) {
			return Mono.error(new ApiException.InvalidField("fraction", "must be at most 1"));
		}
		String usedSeed = seed != null ? seed : HexFormat.of().formatHex(randomBytes());
		int threshold = properties.alwaysIncludeHeadcount();
		return zones(official, zoneId).flatMap(zones -> enterprises.inZones(zones, industry).collectList())
			.flatMap(population -> {
				List<Pick> picks = Sampling.draw(
						population.stream().map(e -> new Candidate(e.id(), e.headcount())).toList(), fraction,
						threshold, usedSeed);
				UUID id = Ids.newId();
				Instant now = clock.instant();
				Mono<Void> plan = database.sql("""
						INSERT INTO inspection_plan (id, zone_id, industry, fraction, seed, headcount_threshold,
						    population, created_by, created_at)
						VALUES (:id, :zone, :industry, :fraction, :seed, :threshold, :population, :by, :now)
						""")
					.bind("id", id)
					.bind("zone", Parameter.fromOrEmpty(zoneId, UUID.class))
					.bind("industry", Parameter.fromOrEmpty(industry == null ? null : industry.name(), String.class))
					.bind("fraction", fraction)
					.bind("seed", usedSeed)
					.bind("threshold", threshold)
					.bind("population", population.size())
					.bind("by", official.id())
					.bind("now", now)
					.then();
				// One statement for the whole list, however long: arrays unnested
				// server-side.
				Mono<Void> items = picks.isEmpty() ? Mono.empty() : database.sql("""
						INSERT INTO inspection_plan_item (plan_id, enterprise_id, reason, position)
						SELECT :plan, e, r, p FROM unnest(:enterprises::uuid[], :reasons::text[], :positions::int[])
						    AS t(e, r, p)
						""")
					.bind("plan", id)
					.bind("enterprises", picks.stream().map(Pick::id).toArray(UUID[]::new))
					.bind("reasons", picks.stream().map(pick -> pick.reason().name()).toArray(String[]::new))
					.bind("positions",
							java.util.stream.IntStream.range(0, picks.size()).boxed().toArray(Integer[]::new))
					.then();
				return plan.then(items)
					.then(audit.record(new AuditEntry(official.id(), "INSPECTION_PLAN_CREATED", "inspection_plan",
							id.toString(), null, Map.of("seed", usedSeed, "drawn", picks.size()))))
					.then(get(official, id));
			});
	}

	/**
	 * A plan the caller drew or oversees the zone of, with whether each was inspected.
	 */
	public Mono<Plan> get(CurrentUser official, UUID id) {
		return database.sql(
				"SELECT id, zone_id, industry, fraction, seed, headcount_threshold, population, created_by, created_at "
						+ "FROM inspection_plan WHERE id = :id")
			.bind("id", id)
			.map(row -> new Plan(row.get("id", UUID.class), row.get("zone_id", UUID.class),
					row.get("industry", String.class) == null ? null
							: Industry.valueOf(row.get("industry", String.class)),
					row.get("fraction", BigDecimal.class), row.get("seed", String.class),
					row.get("headcount_threshold", Integer.class), row.get("population", Integer.class),
					row.get("created_by", UUID.class), row.get("created_at", Instant.class), List.of()))
			.one()
			.filterWhen(plan -> visible(official, plan))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Inspection plan")))
			.flatMap(plan -> database.sql("""
					SELECT i.enterprise_id, i.reason, i.position,
					    EXISTS (SELECT 1 FROM inspection x WHERE x.plan_id = i.plan_id
					            AND x.enterprise_id = i.enterprise_id) AS inspected
					FROM inspection_plan_item i WHERE i.plan_id = :id ORDER BY i.position
					""")
				.bind("id", id)
				.map(row -> new Object[] { row.get("enterprise_id", UUID.class), row.get("reason", String.class),
						row.get("inspected", Boolean.class) })
				.all()
				.collectList()
				.flatMap(rows -> Flux.fromIterable(rows)
					.concatMap(row -> enterprises.find((UUID) row[0]))
					.collectMap(Enterprise::id, Function.identity())
					.map(names -> plan.withEntries(rows.stream()
						.map(row -> new Entry((UUID) row[0], names.get((UUID) row[0]).name(),
								names.get((UUID) row[0]).headcount(), Sampling.Reason.valueOf((String) row[1]),
								Boolean.TRUE.equals(row[2])))
						.toList()))));
	}

	/** A drawn plan. */
	public record Plan(UUID id, UUID zoneId, Industry industry, BigDecimal fraction, String seed,
			int headcountThreshold, int population, UUID createdBy, Instant createdAt, List<Entry> enterprises) {

		Plan withEntries(List<Entry> entries) {
			return new Plan(id, zoneId, industry, fraction, seed, headcountThreshold, population, createdBy, createdAt,
					entries);
		}

	}

	/** An enterprise in a plan: why it is in, and whether it has been inspected. */
	@Schema(name = "PlanEntry")
	public record Entry(UUID id, String name, int headcount, Sampling.Reason reason, boolean inspected) {
	}

	/**
	 * The zones drawn from: the zone's subtree if given (in scope), else the caller's.
	 */
	private Mono<Set<UUID>> zones(CurrentUser official, UUID zoneId) {
		return enterprises.officialSubtrees(official).flatMap(subtrees -> {
			if (zoneId != null) {
				return enterprises.zoneExists(zoneId).flatMap(exists -> {
					if (!exists) {
						return Mono.error(new ApiException.InvalidField("zoneId", "does not name a known zone"));
					}
					if (!official.isDistrictAdmin() && !subtrees.contains(zoneId)) {
						return Mono.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE,
								"The zone is outside your scope."));
					}
					return enterprises.zoneSubtree(zoneId);
				});
			}
			if (official.isDistrictAdmin()) {
				UUID district = official.grants()
					.stream()
					.filter(grant -> grant.role() == Role.DISTRICT_ADMIN && grant.zoneId() != null)
					.map(Grant::zoneId)
					.findFirst()
					.orElse(null);
				return district == null ? Mono.error(new ApiException.InvalidField("zoneId", "is required"))
						: enterprises.zoneSubtree(district);
			}
			return Mono.just(subtrees);
		});
	}

	private Mono<Boolean> visible(CurrentUser official, Plan plan) {
		if (official.isDistrictAdmin() || plan.createdBy().equals(official.id())) {
			return Mono.just(true);
		}
		if (plan.zoneId() == null) {
			return Mono.just(false);
		}
		return enterprises.officialSubtrees(official).map(subtrees -> subtrees.contains(plan.zoneId()));
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
