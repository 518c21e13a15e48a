package dev.fugong.guide.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.RoleGrantService;
import dev.fugong.auth.domain.RoleGrantService.RoleGrant;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Overseen;
import dev.fugong.guide.model.Department;
import dev.fugong.guide.model.Refusal;
import dev.fugong.guide.model.TeamMember;
import dev.fugong.guide.model.TeamRules;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.transaction.AfterCommit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 派驻复工指导员: officials station guides in the enterprises of their zones, a team of two from
 * different departments per enterprise (TeamRules). Stationing a guide gives it the GUIDE
 * grant for the enterprise, through the identity feature (RoleGrantService), in the same
 * transaction; ending the assignment revokes that grant the same way a revoked role is
 * withdrawn (ADR 0006): the guide's tokens stop working within seconds on every pod, and
 * its next refresh carries the grants left. Ended assignments are kept. Every change is
 * audited.
 */
@Service
public class GuideAssignmentService {

	/** The first half of the advisory lock of an enterprise's team ("fgui"). */
	private static final int TEAM_LOCK = 0x66677569;

	private static final String COLUMNS = "id, enterprise_id, guide_user_id, department, grant_id, assigned_by, "
			+ "assigned_at, ended_by, ended_at";

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final RoleGrantService grants;

	private final UserDirectory users;

	private final AuditService audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	GuideAssignmentService(DatabaseClient database, EnterpriseService enterprises, RoleGrantService grants,
			UserDirectory users, AuditService audit, ApplicationEventPublisher events, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.grants = grants;
		this.users = users;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stations a guide in an enterprise the caller oversees: 404 for an enterprise it
	 * cannot see, 400 for a user that does not exist, 409 when the team refuses the guide
	 * (already there, full, its department taken).
	 */
	@Transactional
	public Mono<GuideAssignment> assign(CurrentUser official, UUID guideUserId, UUID enterpriseId,
			Department department) {
		return enterprises.requireOverseen(official, enterpriseId)
			.then(users.findById(guideUserId)
				.switchIfEmpty(Mono.error(() -> new ApiException.InvalidField("guideUserId", "does not name a user"))))
			// One assignment of an enterprise at a time, on every pod: the team is read
			// and joined without a second official slipping a third guide in between.
			.then(database.sql("SELECT pg_advisory_xact_lock(:lock, hashtext(:enterprise))")
				.bind("lock", TEAM_LOCK)
				.bind("enterprise", enterpriseId.toString())
				.then())
			.then(team(enterpriseId).map(GuideAssignment::stationing)
				.map(stationing -> new TeamMember(stationing.guideUserId(), stationing.department()))
				.collectList())
			.flatMap(team -> TeamRules.admit(team, guideUserId, department)
				.<Mono<Void>>map(refusal -> Mono.error(exception(refusal)))
				.orElse(Mono.empty()))
			.then(guideGrant(official, guideUserId, enterpriseId))
			.flatMap(grant -> {
				GuideAssignment assignment = new GuideAssignment(Ids.newId(), enterpriseId, guideUserId, department,
						grant.id(), official.id(), clock.instant(), null, null);
				return database
					.sql("INSERT INTO guide_assignment (" + COLUMNS + ") VALUES (:id, :enterprise, :guide, "
							+ ":department, :grant, :by, :at, NULL, NULL)")
					.bind("id", assignment.id())
					.bind("enterprise", enterpriseId)
					.bind("guide", guideUserId)
					.bind("department", department.name())
					.bind("grant", grant.id())
					.bind("by", official.id())
					.bind("at", assignment.assignedAt())
					.then()
					.then(audit.record(new AuditEntry(official.id(), "GUIDE_ASSIGNED", "guide_assignment",
							assignment.id().toString(), null,
							Map.of("enterpriseId", enterpriseId.toString(), "guideUserId", guideUserId.toString(),
									"department", department.name()))))
					.then(AfterCommit.run(() -> events.publishEvent(new GuideTeamChanged(enterpriseId))))
					.thenReturn(assignment);
			});
	}

	/**
	 * The guide's GUIDE grant for the enterprise: a new one, or the one it already holds
	 * (given directly, before assignments existed), which the assignment then holds.
	 */
	private Mono<RoleGrant> guideGrant(CurrentUser official, UUID guideUserId, UUID enterpriseId) {
		return grants.grant(official, guideUserId, Role.GUIDE, enterpriseId, null)
			.onErrorResume(ApiException.Conflict.class,
					held -> grants.list(official, guideUserId)
						.filter(grant -> grant.role() == Role.GUIDE && enterpriseId.equals(grant.enterpriseId()))
						.next()
						.switchIfEmpty(Mono.error(held)));
	}

	/**
	 * Ends an assignment: the guide's GUIDE grant for the enterprise is revoked at once
	 * (its tokens are refused within seconds everywhere). 404 for an assignment of an
	 * enterprise the caller does not oversee, 409 for one already ended.
	 */
	@Transactional
	public Mono<GuideAssignment> end(CurrentUser official, UUID assignmentId) {
		return overseen(official, assignmentId).flatMap(current -> {
			if (!current.active()) {
				return Mono.error(new ApiException.Conflict("assignment_ended", "The assignment has already ended."));
			}
			Instant now = clock.instant();
			return database
				.sql("UPDATE guide_assignment SET ended_at = :now, ended_by = :by "
						+ "WHERE id = :id AND ended_at IS NULL")
				.bind("now", now)
				.bind("by", official.id())
				.bind("id", assignmentId)
				.fetch()
				.rowsUpdated()
				.flatMap(updated -> updated == 0
						? Mono.error(new ApiException.Conflict("assignment_ended", "The assignment has already ended."))
						: Mono.empty())
				// Revoked directly meanwhile (DELETE /role-grants): nothing left to
				// revoke.
				.then(grants.revoke(official, current.grantId())
					.onErrorResume(ApiException.NotFound.class, gone -> Mono.empty()))
				.then(audit.record(new AuditEntry(official.id(), "GUIDE_ASSIGNMENT_ENDED", "guide_assignment",
						assignmentId.toString(), null,
						Map.of("enterpriseId", current.enterpriseId().toString(), "guideUserId",
								current.guideUserId().toString()))))
				.then(AfterCommit.run(() -> events.publishEvent(new GuideTeamChanged(current.enterpriseId()))))
				.thenReturn(new GuideAssignment(current.id(), current.enterpriseId(), current.guideUserId(),
						current.department(), current.grantId(), current.assignedBy(), current.assignedAt(),
						official.id(), now));
		});
	}

	/** One assignment, if the caller oversees its enterprise; otherwise "not found". */
	public Mono<GuideAssignment> get(CurrentUser official, UUID assignmentId) {
		return overseen(official, assignmentId);
	}

	/**
	 * Assignments of the enterprises the caller oversees, newest first, filtered by
	 * enterprise (404 outside the scope), zone (403 outside), guide and whether they
	 * last.
	 */
	public Mono<Page> list(CurrentUser official, UUID enterpriseId, UUID zoneId, UUID guideUserId, Boolean active,
			int page, int size) {
		Mono<Overseen> scope = enterpriseId != null
				? enterprises.requireOverseen(official, enterpriseId)
					.map(enterprise -> new Overseen(false, java.util.Set.of(enterprise.id())))
				: enterprises.overseen(official, zoneId);
		return scope.flatMap(overseen -> {
			if (overseen.isEmpty()) {
				return Mono.just(new Page(List.of(), 0));
			}
			StringBuilder where = new StringBuilder(" WHERE true");
			Map<String, Object> binds = new HashMap<>();
			if (!overseen.all()) {
				where.append(" AND enterprise_id = ANY(:ids)");
				binds.put("ids", overseen.enterpriseIds().toArray(UUID[]::new));
			}
			if (guideUserId != null) {
				where.append(" AND guide_user_id = :guide");
				binds.put("guide", guideUserId);
			}
			if (active != null) {
				where.append(active ? " AND ended_at IS NULL" : " AND ended_at IS NOT NULL");
			}
			var select = database.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM guide_assignment" + where
					+ " ORDER BY assigned_at DESC, id DESC LIMIT :limit OFFSET :offset");
			for (Map.Entry<String, Object> bind : binds.entrySet()) {
				select = select.bind(bind.getKey(), bind.getValue());
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

	/** A page of assignments and how many match. */
	public record Page(List<GuideAssignment> items, long total) {
	}

	/** The enterprise's guides now, first stationed first. */
	public Flux<GuideAssignment> team(UUID enterpriseId) {
		return database
			.sql("SELECT " + COLUMNS + " FROM guide_assignment WHERE enterprise_id = :enterprise AND ended_at IS NULL "
					+ "ORDER BY assigned_at, id")
			.bind("enterprise", enterpriseId)
			.map(GuideAssignmentService::read)
			.all();
	}

	/** The guide's assignments that last, newest first. */
	public Flux<GuideAssignment> activeOf(UUID guideUserId) {
		return database
			.sql("SELECT " + COLUMNS + " FROM guide_assignment WHERE guide_user_id = :guide AND ended_at IS NULL "
					+ "ORDER BY assigned_at DESC, id")
			.bind("guide", guideUserId)
			.map(GuideAssignmentService::read)
			.all();
	}

	/**
	 * Assignments that were active at some moment of [{@code from}, {@code to}) in these
	 * enterprises (every enterprise if {@code enterpriseIds} is null): whose guides owe a
	 * day's report.
	 */
	public Flux<GuideAssignment> activeBetween(Collection<UUID> enterpriseIds, Instant from, Instant to) {
		if (enterpriseIds != null && enterpriseIds.isEmpty()) {
			return Flux.empty();
		}
		var select = database
			.sql("SELECT " + COLUMNS + " FROM guide_assignment WHERE assigned_at < :to "
					+ "AND (ended_at IS NULL OR ended_at > :from)"
					+ (enterpriseIds == null ? "" : " AND enterprise_id = ANY(:ids)") + " ORDER BY assigned_at, id")
			.bind("from", from)
			.bind("to", to);
		if (enterpriseIds != null) {
			select = select.bind("ids", enterpriseIds.toArray(UUID[]::new));
		}
		return select.map(GuideAssignmentService::read).all();
	}

	/**
	 * How many guides each of these enterprises has now (those without are absent): for
	 * the dashboards.
	 */
	public Mono<Map<UUID, Integer>> guideCounts(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return database
			.sql("SELECT enterprise_id, count(*)::int AS guides FROM guide_assignment "
					+ "WHERE enterprise_id = ANY(:ids) AND ended_at IS NULL GROUP BY enterprise_id")
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.map(row -> Map.entry(row.get("enterprise_id", UUID.class), row.get("guides", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<GuideAssignment> overseen(CurrentUser official, UUID assignmentId) {
		return database.sql("SELECT " + COLUMNS + " FROM guide_assignment WHERE id = :id")
			.bind("id", assignmentId)
			.map(GuideAssignmentService::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Guide assignment")))
			.flatMap(assignment -> enterprises.requireOverseen(official, assignment.enterpriseId())
				.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Guide assignment"))
				.thenReturn(assignment));
	}

	static GuideAssignment read(Readable row) {
		return new GuideAssignment(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				row.get("guide_user_id", UUID.class), Department.valueOf(row.get("department", String.class)),
				row.get("grant_id", UUID.class), row.get("assigned_by", UUID.class),
				row.get("assigned_at", Instant.class), row.get("ended_by", UUID.class),
				row.get("ended_at", Instant.class));
	}

	static ApiException exception(Refusal refusal) {
		return refusal.isField() ? new ApiException.InvalidField(refusal.field(), refusal.message())
				: new ApiException.Conflict(refusal.code(), refusal.message());
	}

}
