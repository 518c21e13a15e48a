package dev.fugong.problem.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Overseen;
import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.problem.model.ProblemStatus;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.transaction.AfterCommit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 企业困难问题: an enterprise's guide, its manager or an official over it reports a difficulty;
 * officials over the enterprise take it in hand and resolve it with an answer
 * (ProblemStatus). Unresolved ones older than {@code fugong.problems.overdue-after} are
 * overdue and listed for officials. Readers: the enterprise's guides and managers,
 * officials over it, the district admin; a problem outside the caller's scope is "not
 * found". Every step is audited.
 */
@Service
public class ProblemService {

	private static final String COLUMNS = "id, enterprise_id, category, description, status, reported_by, "
			+ "reported_at, taken_by, taken_at, resolved_by, resolved_at, answer, updated_at";

	/** Enterprise roles that report and read an enterprise's problems. */
	private static final Role[] ENTERPRISE_ROLES = { Role.GUIDE, Role.ENTERPRISE_MANAGER };

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final ApplicationEventPublisher events;

	private final Duration overdueAfter;

	private final Clock clock;

	ProblemService(DatabaseClient database, EnterpriseService enterprises, AuditService audit,
			ApplicationEventPublisher events, ProblemProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.audit = audit;
		this.events = events;
		this.overdueAfter = properties.overdueAfter();
		this.clock = clock;
	}

	/** Reports a difficulty of an enterprise the caller may read (404 otherwise). */
	@Transactional
	public Mono<Problem> report(CurrentUser user, UUID enterpriseId, ProblemCategory category, String description) {
		UUID id = Ids.newId();
		Instant now = clock.instant();
		return enterprises.get(user, enterpriseId)
			.then(database.sql("INSERT INTO problem (id, enterprise_id, category, description, status, reported_by, "
					+ "reported_at, updated_at) VALUES (:id, :enterprise, :category, :description, 'OPEN', :by, :now, "
					+ ":now)")
				.bind("id", id)
				.bind("enterprise", enterpriseId)
				.bind("category", category.name())
				.bind("description", description)
				.bind("by", user.id())
				.bind("now", now)
				.then())
			.then(step(id, 1, null, ProblemStatus.OPEN, null, user.id(), now))
			.then(audit.record(new AuditEntry(user.id(), "PROBLEM_REPORTED", "problem", id.toString(), null,
					Map.of("enterpriseId", enterpriseId.toString(), "category", category.name()))))
			.then(AfterCommit.run(() -> events.publishEvent(new ProblemChanged(enterpriseId))))
			.then(row(id));
	}

	/**
	 * Moves a problem on, as an official over its enterprise: IN_PROGRESS (with an
	 * optional note), RESOLVED (with the answer). 409 {@code invalid_transition} for any
	 * other move.
	 */
	@Transactional
	public Mono<Problem> move(CurrentUser official, UUID id, ProblemStatus next, String answer, String note) {
		if (next.needsAnswer() && answer == null) {
			return Mono.error(new ApiException.InvalidField("answer", "is required to resolve a problem"));
		}
		if (!next.needsAnswer() && answer != null) {
			return Mono.error(new ApiException.InvalidField("answer", "is given when resolving a problem"));
		}
		return row(id).flatMap(current -> enterprises.requireOverseen(official, current.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Problem"))
			.then(Mono.defer(() -> {
				if (!current.status().canMoveTo(next)) {
					return Mono.error(new ApiException.Conflict("invalid_transition",
							"The problem is " + current.status() + "; it cannot become " + next + "."));
				}
				Instant now = clock.instant();
				String set = next == ProblemStatus.IN_PROGRESS ? "taken_by = :actor, taken_at = :now"
						: "resolved_by = :actor, resolved_at = :now, answer = :answer";
				var update = database
					.sql("UPDATE problem SET status = :to, " + set + ", updated_at = :now WHERE id = :id "
							+ "AND status = :from")
					.bind("to", next.name())
					.bind("actor", official.id())
					.bind("now", now)
					.bind("id", id)
					.bind("from", current.status().name());
				if (next.needsAnswer()) {
					update = update.bind("answer", answer);
				}
				return update.fetch()
					.rowsUpdated()
					.flatMap(updated -> updated == 0
							? Mono.error(
									new ApiException.Conflict("invalid_transition", "The problem changed meanwhile."))
							: Mono.empty())
					.then(database.sql("SELECT count(*) FROM problem_step WHERE problem_id = :id")
						.bind("id", id)
						.map(row -> row.get(0, Long.class))
						.one())
					.flatMap(steps -> step(id, steps.intValue() + 1, current.status(), next,
							next.needsAnswer() ? answer : note, official.id(), now))
					.then(audit.record(new AuditEntry(official.id(), "PROBLEM_" + next.name(), "problem", id.toString(),
							null, Map.of("from", current.status().name()))))
					.then(AfterCommit.run(() -> events.publishEvent(new ProblemChanged(current.enterpriseId()))))
					.then(get(official, id));
			})));
	}

	/** One problem with its steps, if the caller may read its enterprise. */
	public Mono<Problem> get(CurrentUser user, UUID id) {
		return row(id).flatMap(problem -> enterprises.get(user, problem.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Problem"))
			.then(database
				.sql("SELECT from_status, to_status, note, actor_id, at FROM problem_step WHERE problem_id = :id "
						+ "ORDER BY seq")
				.bind("id", id)
				.map(row -> new Problem.Step(status(row.get("from_status", String.class)),
						status(row.get("to_status", String.class)), row.get("note", String.class),
						row.get("actor_id", UUID.class), row.get("at", Instant.class)))
				.all()
				.collectList())
			.map(steps -> withSteps(problem, steps)));
	}

	/**
	 * The problems the caller may read, newest first: its enterprises as guide or
	 * manager, an official's zones. Filtered by enterprise (404 outside the scope), zone
	 * (403 outside, for officials), status, category, and {@code overdue}.
	 */
	public Mono<Page> list(CurrentUser user, UUID enterpriseId, UUID zoneId, ProblemStatus status,
			ProblemCategory category, boolean overdueOnly, int page, int size) {
		return readable(user, enterpriseId, zoneId)
			.flatMap(scope -> query(scope, status, category, overdueOnly, page, size));
	}

	private Mono<Page> query(Overseen scope, ProblemStatus status, ProblemCategory category, boolean overdueOnly,
			int page, int size) {
		if (scope.isEmpty()) {
			return Mono.just(new Page(List.of(), 0));
		}
		StringBuilder where = new StringBuilder(" WHERE true");
		Map<String, Object> binds = new HashMap<>();
		if (!scope.all()) {
			where.append(" AND enterprise_id = ANY(:ids)");
			binds.put("ids", scope.enterpriseIds().toArray(UUID[]::new));
		}
		if (status != null) {
			where.append(" AND status = :status");
			binds.put("status", status.name());
		}
		if (category != null) {
			where.append(" AND category = :category");
			binds.put("category", category.name());
		}
		String order = " ORDER BY reported_at DESC, id DESC";
		if (overdueOnly) {
			where.append(" AND status <> 'RESOLVED' AND reported_at < :cutoff");
			binds.put("cutoff", clock.instant().minus(overdueAfter));
			order = " ORDER BY reported_at, id";
		}
		var select = database.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM problem" + where + order
				+ " LIMIT :limit OFFSET :offset");
		for (Map.Entry<String, Object> bind : binds.entrySet()) {
			select = select.bind(bind.getKey(), bind.getValue());
		}
		Instant now = clock.instant();
		return select.bind("limit", size)
			.bind("offset", (long) page * size)
			.map(row -> Map.entry(read(row, now), row.get("total", Long.class)))
			.all()
			.collectList()
			.map(rows -> new Page(rows.stream().map(Map.Entry::getKey).toList(),
					rows.isEmpty() ? 0 : rows.get(0).getValue()));
	}

	/** A page of problems and how many match. */
	public record Page(List<Problem> items, long total) {
	}

	/**
	 * The overdue problems of the caller's zones (or {@code zoneId}'s subtree), oldest
	 * first: unresolved longer than {@code fugong.problems.overdue-after}.
	 */
	public Mono<Page> overdue(CurrentUser official, UUID zoneId, int page, int size) {
		return enterprises.overseen(official, zoneId).flatMap(scope -> query(scope, null, null, true, page, size));
	}

	/**
	 * The problems not yet resolved of an enterprise the caller may read (its page),
	 * oldest first.
	 */
	public Mono<List<Problem>> unresolvedOf(CurrentUser user, UUID enterpriseId) {
		Instant now = clock.instant();
		return enterprises.get(user, enterpriseId)
			.thenMany(database
				.sql("SELECT " + COLUMNS + " FROM problem WHERE enterprise_id = :enterprise AND status <> 'RESOLVED' "
						+ "ORDER BY reported_at, id LIMIT 500")
				.bind("enterprise", enterpriseId)
				.map(row -> read(row, now))
				.all())
			.collectList();
	}

	/**
	 * Unresolved problems of each of these enterprises by category (enterprises with none
	 * are absent): for the dashboards.
	 */
	public Mono<Map<UUID, Map<ProblemCategory, Integer>>> unresolvedCounts(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return database
			.sql("SELECT enterprise_id, category, count(*)::int AS n FROM problem WHERE enterprise_id = ANY(:ids) "
					+ "AND status <> 'RESOLVED' GROUP BY enterprise_id, category")
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.map(row -> new Object[] { row.get("enterprise_id", UUID.class),
					ProblemCategory.valueOf(row.get("category", String.class)), row.get("n", Integer.class) })
			.all()
			.collect(HashMap<UUID, Map<ProblemCategory, Integer>>::new,
					(counts, row) -> counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(ProblemCategory.class))
						.put((ProblemCategory) row[1], (Integer) row[2]));
	}

	private Mono<Void> step(UUID id, int seq, ProblemStatus from, ProblemStatus to, String note, UUID actor,
			Instant at) {
		return database
			.sql("INSERT INTO problem_step (problem_id, seq, from_status, to_status, note, actor_id, at) "
					+ "VALUES (:id, :seq, :from, :to, :note, :actor, :at)")
			.bind("id", id)
			.bind("seq", seq)
			.bind("from", Parameter.fromOrEmpty(from == null ? null : from.name(), String.class))
			.bind("to", to.name())
			.bind("note", Parameter.fromOrEmpty(note, String.class))
			.bind("actor", actor)
			.bind("at", at)
			.then();
	}

	/**
	 * The enterprises whose problems the caller may read: its own as guide or manager,
	 * and an official's zones; narrowed by the filters.
	 */
	private Mono<Overseen> readable(CurrentUser user, UUID enterpriseId, UUID zoneId) {
		if (enterpriseId != null) {
			return enterprises.get(user, enterpriseId).flatMap(enterprise -> {
				if (zoneId == null) {
					return Mono.just(new Overseen(false, Set.of(enterprise.id())));
				}
				return enterprises.zoneSubtree(zoneId)
					.map(zones -> new Overseen(false,
							zones.contains(enterprise.zoneId()) ? Set.of(enterprise.id()) : Set.of()));
			});
		}
		Set<UUID> own = user.enterprisesAs(ENTERPRISE_ROLES);
		if (!user.hasAny(Role.OFFICIAL, Role.DISTRICT_ADMIN)) {
			if (zoneId == null) {
				return Mono.just(new Overseen(false, own));
			}
			return enterprises.zoneSubtree(zoneId)
				.flatMap(zones -> enterprises.findAll(own)
					.filter(enterprise -> zones.contains(enterprise.zoneId()))
					.map(Enterprise::id)
					.collect(HashSet<UUID>::new, Set::add))
				.map(ids -> new Overseen(false, ids));
		}
		return enterprises.overseen(user, zoneId).map(overseen -> {
			if (overseen.all() || own.isEmpty() || zoneId != null) {
				return overseen;
			}
			Set<UUID> both = new HashSet<>(overseen.enterpriseIds());
			both.addAll(own);
			return new Overseen(false, both);
		});
	}

	private Mono<Problem> row(UUID id) {
		Instant now = clock.instant();
		return database.sql("SELECT " + COLUMNS + " FROM problem WHERE id = :id")
			.bind("id", id)
			.map(row -> read(row, now))
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Problem")));
	}

	private Problem read(Readable row, Instant now) {
		ProblemStatus status = ProblemStatus.valueOf(row.get("status", String.class));
		Instant reportedAt = row.get("reported_at", Instant.class);
		return new Problem(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				ProblemCategory.valueOf(row.get("category", String.class)), row.get("description", String.class),
				status, row.get("reported_by", UUID.class), reportedAt, row.get("taken_by", UUID.class),
				row.get("taken_at", Instant.class), row.get("resolved_by", UUID.class),
				row.get("resolved_at", Instant.class), row.get("answer", String.class),
				row.get("updated_at", Instant.class), status.overdue(reportedAt, now, overdueAfter), null);
	}

	private static Problem withSteps(Problem problem, List<Problem.Step> steps) {
		return new Problem(problem.id(), problem.enterpriseId(), problem.category(), problem.description(),
				problem.status(), problem.reportedBy(), problem.reportedAt(), problem.takenBy(), problem.takenAt(),
				problem.resolvedBy(), problem.resolvedAt(), problem.answer(), problem.updatedAt(), problem.overdue(),
				List.copyOf(steps));
	}

	private static ProblemStatus status(String name) {
		return name == null ? null : ProblemStatus.valueOf(name);
	}

}
