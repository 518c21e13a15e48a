package dev.fugong.shared.security;

import java.util.UUID;

/**
 * One role held for one object: an enterprise role for its enterprise, an official's role
 * for its zone (and every zone below it), the district admin's for the district. An
 * employee signed in for the first time holds EMPLOYEE for no enterprise yet.
 *
 * @param role what the holder may do
 * @param scopeId the enterprise ({@link Role#enterpriseScoped()}) or zone the role holds
 * for; null only for an employee of no enterprise yet, or a district admin (whose scope
 * is everything)
 */
public record Grant(Role role, UUID scopeId) {

	public Grant {
		if (role == null) {
			throw new IllegalArgumentException("role is required");
		}
		if (scopeId == null && role != Role.EMPLOYEE && role != Role.DISTRICT_ADMIN) {
			throw new IllegalArgumentException(role + " needs a scope");
		}
	}

	/** The enterprise of an enterprise role; null for a zone role. */
	public UUID enterpriseId() {
		return role.enterpriseScoped() ? scopeId : null;
	}

	/** The zone of an official or the district admin; null for an enterprise role. */
	public UUID zoneId() {
		return role.enterpriseScoped() ? null : scopeId;
	}

	/** A grant as the database holds it: an enterprise or a zone, by role. */
	public static Grant of(Role role, UUID enterpriseId, UUID zoneId) {
		return new Grant(role, role.enterpriseScoped() ? enterpriseId : zoneId);
	}

	/** The compact form carried in access tokens: {@code ROLE} or {@code ROLE:id}. */
	String compact() {
		return scopeId == null ? role.name() : role.name() + ":" + scopeId;
	}

	/** Reads {@link #compact()}; {@link IllegalArgumentException} if malformed. */
	static Grant parse(String compact) {
		int colon = compact.indexOf(':');
		if (colon < 0) {
			return new Grant(Role.valueOf(compact), null);
		}
		return new Grant(Role.valueOf(compact.substring(0, colon)), UUID.fromString(compact.substring(colon + 1)));
	}

}
