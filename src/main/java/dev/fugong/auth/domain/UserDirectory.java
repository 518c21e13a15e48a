package dev.fugong.auth.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

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
		return database.sql("""
				SELECT u.id AS user_id, g.role, g.enterprise_id, g.zone_id
				FROM app_user u LEFT JOIN role_grant g ON g.user_id = u.id AND g.revoked_at IS NULL
				WHERE u.openid = :openid AND u.disabled_at IS NULL
				""")
			.bind("openid", openid)
			.map(row -> new GrantRow(row.get("user_id", UUID.class), row.get("role", String.class),
					row.get("enterprise_id", UUID.class), row.get("zone_id", UUID.class)))
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
		return new UserGrants(rows.get(0).userId(), new ArrayList<>(roles), enterpriseId, zoneId);
	}

	private record GrantRow(UUID userId, String role, UUID enterpriseId, UUID zoneId) {
	}

	/** A user's roles and the one enterprise and zone its grants are scoped to. */
	public record UserGrants(UUID userId, List<Role> roles, UUID enterpriseId, UUID zoneId) {
	}

}
