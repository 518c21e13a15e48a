package dev.fugong.auth.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.shared.id.Ids;
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
		return database.sql("""
				SELECT u.id AS user_id, u.person_id, g.role, g.enterprise_id, g.zone_id
				FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
				WHERE %s AND u.disabled_at IS NULL
				""".formatted(where))
			.bind("key", key)
			.map(row -> new GrantRow(row.get("user_id", UUID.class), row.get("person_id", UUID.class),
					row.get("role", String.class), row.get("enterprise_id", UUID.class),
					row.get("zone_id", UUID.class)))
			.all()
			.collectList()
			.filter(rows -> !rows.isEmpty())
			.map(UserDirectory::merge);
	}

	private static UserGrants merge(List<GrantRow> rows) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		UUID enterpriseId = null;
		UUID zoneId = null;
		for (GrantRow row : rows) {
			if (row.role() != null) {
				roles.add(Role.valueOf(row.role()));
				enterpriseId = row.enterpriseId() != null ? row.enterpriseId() : enterpriseId;
				zoneId = row.zoneId() != null ? row.zoneId() : zoneId;
			}
		}
		return new UserGrants(rows.get(0).userId(), new ArrayList<>(roles), enterpriseId, zoneId,
				rows.get(0).personId());
	}

	private record GrantRow(UUID userId, UUID personId, String role, UUID enterpriseId, UUID zoneId) {
	}

	/**
	 * A user's roles, the one enterprise and zone its grants are scoped to, and its
	 * person if bound.
	 */
	public record UserGrants(UUID userId, List<Role> roles, UUID enterpriseId, UUID zoneId, UUID personId) {
	}

}
