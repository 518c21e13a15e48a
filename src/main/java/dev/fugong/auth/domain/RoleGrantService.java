package dev.fugong.auth.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenRevocations;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may grant what: a district admin any role anywhere; an official GUIDE and
 * ENTERPRISE_MANAGER for enterprises in its zone subtree; a manager GATE_STAFF and
 * EMPLOYEE in an enterprise it manages. Each grant holds for its own enterprise or zone
 * (ADR 0006). Every grant and revocation is audited. A new grant reaches the user's
 * tokens at its next sign-in or refresh; a revoked one stops working within seconds, on
 * every pod.
 */
@Service
public class RoleGrantService {

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final UserDirectory users;

	private final AuditService audit;

	private final TokenRevocations revocations;

	private final Clock clock;

	RoleGrantService(DatabaseClient database, EnterpriseService enterprises, UserDirectory users, AuditService audit,
			TokenRevocations revocations, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.users = users;
		this.audit = audit;
		this.revocations = revocations;
		this.clock = clock;
	}

	@Transactional
	public Mono<RoleGrant> grant(CurrentUser granter, UUID userId, Role role, UUID enterpriseId, UUID zoneId) {
		RoleGrant grant = new RoleGrant(Ids.newId(), userId, role, enterpriseId, zoneId, granter.id(), clock.instant());
		return checkShape(role, enterpriseId, zoneId).then(checkAllowed(granter, role, enterpriseId, zoneId))
			.then(users.findById(userId)
				.switchIfEmpty(Mono.error(() -> new ApiException.InvalidField("userId", "does not name a user"))))
			.then(database.sql("""
					INSERT INTO role_grant (id, user_id, role, enterprise_id, zone_id, granted_by, granted_at)
					VALUES (:id, :user, :role, :enterprise, :zone, :by, :at)
					ON CONFLICT DO NOTHING
					""")
				.bind("id", grant.id())
				.bind("user", userId)
				.bind("role", role.name())
				.bind("enterprise", org.springframework.r2dbc.core.Parameter.fromOrEmpty(enterpriseId, UUID.class))
				.bind("zone", org.springframework.r2dbc.core.Parameter.fromOrEmpty(zoneId, UUID.class))
				.bind("by", granter.id())
				.bind("at", grant.grantedAt())
				.fetch()
				.rowsUpdated())
			.flatMap(inserted -> inserted == 0
					? Mono.error(new ApiException.Conflict("role_already_granted",
							"The user already holds this role for this enterprise or zone."))
					: audit.record(new AuditEntry(granter.id(), "ROLE_GRANTED", "user", userId.toString(), null,
							details(grant))))
			.thenReturn(grant);
	}

	/**
	 * Ends a grant. The user's grants version moves on and every pod is told, before the
	 * commit, that tokens of older versions are void: the user's next refresh reads what
	 * is left. If Redis cannot be told, nothing is revoked (503) rather than a revocation
	 * that would not reach the tokens.
	 */
	@Transactional
	public Mono<Void> revoke(CurrentUser revoker, UUID grantId) {
		return find(grantId).flatMap(grant -> checkAllowed(revoker, grant.role(), grant.enterpriseId(), grant.zoneId())
			.then(database.sql("UPDATE role_grant SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
				.bind("now", clock.instant())
				.bind("id", grantId)
				.then())
			.then(database
				.sql("UPDATE app_user SET grants_version = grants_version + 1 WHERE id = :id RETURNING grants_version")
				.bind("id", grant.userId())
				.map(row -> row.get(0, Long.class))
				.one())
			.flatMap(version -> revocations.revokeGrantsBefore(grant.userId(), version))
			.then(audit.record(new AuditEntry(revoker.id(), "ROLE_REVOKED", "user", grant.userId().toString(), null,
					details(grant)))));
	}

	/** The active grants of a user that the caller could itself grant or revoke. */
	public Flux<RoleGrant> list(CurrentUser caller, UUID userId) {
		return database.sql("""
				SELECT id, user_id, role, enterprise_id, zone_id, granted_by, granted_at FROM role_grant
				WHERE user_id = :user AND revoked_at IS NULL ORDER BY granted_at
				""")
			.bind("user", userId)
			.map(row -> new RoleGrant(row.get("id", UUID.class), row.get("user_id", UUID.class),
					Role.valueOf(row.get("role", String.class)), row.get("enterprise_id", UUID.class),
					row.get("zone_id", UUID.class), row.get("granted_by", UUID.class),
					row.get("granted_at", Instant.class)))
			.all()
			.filterWhen(
					grant -> checkAllowed(caller, grant.role(), grant.enterpriseId(), grant.zoneId()).thenReturn(true)
						.onErrorReturn(false));
	}

	private Mono<RoleGrant> find(UUID grantId) {
		return database.sql("""
				SELECT id, user_id, role, enterprise_id, zone_id, granted_by, granted_at FROM role_grant
				WHERE id = :id AND revoked_at IS NULL
				""")
			.bind("id", grantId)
			.map(row -> new RoleGrant(row.get("id", UUID.class), row.get("user_id", UUID.class),
					Role.valueOf(row.get("role", String.class)), row.get("enterprise_id", UUID.class),
					row.get("zone_id", UUID.class), row.get("granted_by", UUID.class),
					row.get("granted_at", Instant.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Role grant")));
	}

	private static Mono<Void> checkShape(Role role, UUID enterpriseId, UUID zoneId) {
		boolean enterpriseRole = role == Role.GATE_STAFF || role == Role.GUIDE || role == Role.ENTERPRISE_MANAGER;
		if (enterpriseRole && enterpriseId == null) {
			return Mono.error(new ApiException.InvalidField("enterpriseId", "is required for " + role));
		}
		if (role == Role.OFFICIAL && zoneId == null) {
			return Mono.error(new ApiException.InvalidField("zoneId", "is required for OFFICIAL"));
		}
		if (role == Role.OFFICIAL && enterpriseId != null) {
			return Mono.error(new ApiException.InvalidField("enterpriseId", "must be empty for OFFICIAL"));
		}
		if (role != Role.OFFICIAL && role != Role.DISTRICT_ADMIN && zoneId != null) {
			return Mono.error(new ApiException.InvalidField("zoneId", "is only for OFFICIAL and DISTRICT_ADMIN"));
		}
		return Mono.empty();
	}

	/**
	 * Whether the caller may grant (or revoke) this role in this scope; 403 or 404 if
	 * not.
	 */
	private Mono<Void> checkAllowed(CurrentUser caller, Role role, UUID enterpriseId, UUID zoneId) {
		if (caller.isDistrictAdmin()) {
			Mono<Void> enterprise = enterpriseId == null ? Mono.empty() : enterprises.get(caller, enterpriseId).then();
			Mono<Void> zone = zoneId == null ? Mono.empty()
					: enterprises.zoneExists(zoneId)
						.flatMap(exists -> exists ? Mono.<Void>empty()
								: Mono.error(new ApiException.InvalidField("zoneId", "does not name a known zone")));
			return enterprise.then(zone);
		}
		// Each grant of the caller counts for its own object only: a manager of one
		// enterprise grants nothing at another, whatever else it holds there.
		if ((role == Role.GATE_STAFF || role == Role.EMPLOYEE)
				&& caller.holdsFor(enterpriseId, Role.ENTERPRISE_MANAGER)) {
			return Mono.empty();
		}
		if ((role == Role.GUIDE || role == Role.ENTERPRISE_MANAGER) && caller.has(Role.OFFICIAL)) {
			// Officials reach only enterprises in their zone subtrees; others are "not
			// found".
			return enterprises.requireOverseen(caller, enterpriseId).then();
		}
		if (caller.has(Role.ENTERPRISE_MANAGER) && (role == Role.GATE_STAFF || role == Role.EMPLOYEE)
				&& enterpriseId != null) {
			// A manager, but not of this enterprise: as if it did not exist.
			return enterprises.get(caller, enterpriseId)
				.then(Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Your role does not allow granting or revoking " + role + " here.")));
		}
		return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
				"Your role does not allow granting or revoking " + role + " here."));
	}

	private static Map<String, String> details(RoleGrant grant) {
		Map<String, String> details = new java.util.HashMap<>();
		details.put("role", grant.role().name());
		if (grant.enterpriseId() != null) {
			details.put("enterpriseId", grant.enterpriseId().toString());
		}
		if (grant.zoneId() != null) {
			details.put("zoneId", grant.zoneId().toString());
		}
		return details;
	}

	/** An active role grant. */
	public record RoleGrant(UUID id, UUID userId, Role role, UUID enterpriseId, UUID zoneId, UUID grantedBy,
			Instant grantedAt) {
	}

}
