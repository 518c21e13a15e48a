package dev.fugong.auth.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.shared.id.Ids;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Users by WeChat openid, with their active role grants and the scope those grants carry.
 */
@Service
public class UserDirectory {

	private final DatabaseClient database;

	UserDirectory(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The enabled user with this openid and its active grants; empty if there is none.
	 */
	public Mono<UserGrants> findByOpenid(String openid) {
		return find("u.openid = :key", openid);
	}

	/** The enabled user with this id and its active grants; empty if there is none. */
	public Mono<UserGrants> findById(UUID id) {
		return find("u.id = :key", id);
	}

	/**
	 * Who is told of an enterprise's gate alerts: its managers and the officials of the
	 * given zones (the enterprise's zone and those above it). Enabled users only.
	 */
	public Flux<AlertRecipient> alertRecipients(UUID enterpriseId, Set<UUID> zones) {
		return database.sql("""
				SELECT DISTINCT u.id, u.openid FROM app_user u JOIN role_grant g ON g.user_id = u.id
				WHERE g.revoked_at IS NULL AND u.disabled_at IS NULL
				  AND ((g.role = 'ENTERPRISE_MANAGER' AND g.enterprise_id = :enterprise)
				    OR (g.role = 'OFFICIAL' AND g.zone_id = ANY(:zones)))
				""")
			.bind("enterprise", enterpriseId)
			.bind("zones", zones.toArray(UUID[]::new))
			.map(row -> new AlertRecipient(row.get("id", UUID.class), row.get("openid", String.class)))
			.all();
	}

	/**
	 * The enabled users among these, with their openids: whom a subscribe message (a
	 * guide's reminder) can reach.
	 */
	public Flux<AlertRecipient> recipients(java.util.Collection<UUID> userIds) {
		if (userIds.isEmpty()) {
			return Flux.empty();
		}
		return database.sql("SELECT id, openid FROM app_user WHERE id = ANY(:ids) AND disabled_at IS NULL")
			.bind("ids", userIds.toArray(UUID[]::new))
			.map(row -> new AlertRecipient(row.get("id", UUID.class), row.get("openid", String.class)))
			.all();
	}

	/**
	 * The enabled users bound to these persons, with their openids: whom a warning to a
	 * person reaches (a person may have signed in from more than one WeChat account).
	 */
	public Flux<PersonRecipient> recipientsOfPersons(java.util.Collection<UUID> personIds) {
		if (personIds.isEmpty()) {
			return Flux.empty();
		}
		return database
			.sql("SELECT id, openid, person_id FROM app_user WHERE person_id = ANY(:ids) AND disabled_at IS NULL")
			.bind("ids", personIds.toArray(UUID[]::new))
			.map(row -> new PersonRecipient(row.get("person_id", UUID.class),
					new AlertRecipient(row.get("id", UUID.class), row.get("openid", String.class))))
			.all();
	}

	/** A user of a person. */
	public record PersonRecipient(UUID personId, AlertRecipient user) {
	}

	/**
	 * @param openid WeChat's pseudonymous id for the user, to address subscribe messages
	 */
	public record AlertRecipient(UUID userId, String openid) {

		@Override
		public String toString() {
			return "AlertRecipient[" + userId + "]";
		}

	}

	/** A first sign-in: a new user with the EMPLOYEE role and no scope yet. */
	Mono<UserGrants> createEmployee(String openid) {
		UUID id = Ids.newId();
		return database.sql("INSERT INTO app_user (id, openid) VALUES (:id, :openid) ON CONFLICT (openid) DO NOTHING")
			.bind("id", id)
			.bind("openid", openid)
			.fetch()
			.rowsUpdated()
			.flatMap(inserted -> inserted == 0 ? Mono.<Long>empty()
					: database.sql("INSERT INTO role_grant (id, user_id, role) VALUES (:id, :user, 'EMPLOYEE')")
						.bind("id", Ids.newId())
						.bind("user", id)
						.fetch()
						.rowsUpdated())
			// A concurrent first sign-in of the same openid may have won: read what is
			// there.
			.then(Mono.defer(() -> findByOpenid(openid)));
	}

	private Mono<UserGrants> find(String where, Object key) {
		// One statement, so the grants and their version are one snapshot: a token issued
		// from them is refused exactly when a later revocation says so.
		return database.sql("""
				SELECT u.id AS user_id, u.person_id, u.grants_version, g.role, g.enterprise_id, g.zone_id
				FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
				WHERE %s AND u.disabled_at IS NULL
				""".formatted(where))
			.bind("key", key)
			.map(row -> new GrantRow(row.get("user_id", UUID.class), row.get("person_id", UUID.class),
					row.get("grants_version", Long.class), row.get("role", String.class),
					row.get("enterprise_id", UUID.class), row.get("zone_id", UUID.class)))
			.all()
			.collectList()
			.filter(rows -> !rows.isEmpty())
			.map(UserDirectory::merge);
	}

	private static UserGrants merge(List<GrantRow> rows) {
		Set<Grant> grants = new LinkedHashSet<>();
		for (GrantRow row : rows) {
			if (row.role() != null) {
				grants.add(Grant.of(Role.valueOf(row.role()), row.enterpriseId(), row.zoneId()));
			}
		}
		GrantRow first = rows.get(0);
		return new UserGrants(first.userId(), List.copyOf(grants), first.grantsVersion(), first.personId());
	}

	private record GrantRow(UUID userId, UUID personId, long grantsVersion, String role, UUID enterpriseId,
			UUID zoneId) {
	}

	/**
	 * A user's grants (each role for its own enterprise or zone), their version, and its
	 * person if bound.
	 */
	public record UserGrants(UUID userId, List<Grant> grants, long grantsVersion, UUID personId) {

		/** The roles held, for whatever object, sorted. */
		public List<Role> roles() {
			return grants.stream().map(Grant::role).distinct().sorted().toList();
		}

		/**
		 * The enterprise the user works at, where exactly one EMPLOYEE grant names one:
		 * the employer recorded on its person.
		 */
		public UUID employer() {
			List<UUID> employers = grants.stream()
				.filter(grant -> grant.role() == Role.EMPLOYEE && grant.enterpriseId() != null)
				.map(Grant::enterpriseId)
				.distinct()
				.toList();
			return employers.size() == 1 ? employers.get(0) : null;
		}

	}

}
