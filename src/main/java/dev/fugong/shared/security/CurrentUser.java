package dev.fugong.shared.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The caller, as its verified token says. Scope comes only from here, never from the
 * request, and it is per grant: a check asks "does this user hold role R for this
 * enterprise (or zone)", never "what is this user's enterprise". A manager of one
 * enterprise who is gate staff at another is a manager only of the first.
 *
 * @param id the user id ({@code sub})
 * @param grants every role the user holds, each for its own enterprise or zone
 * @param audience the client the token was issued to
 * @param tokenId the token's {@code jti}, for revocation
 * @param familyId the sign-in the token belongs to ({@code fam}); logout revokes all of
 * it
 * @param expiresAt when the token expires
 * @param grantsVersion the user's grants as of which the token was issued ({@code gv}); a
 * revoked grant makes every token of an older version invalid
 */
public record CurrentUser(UUID id, Set<Grant> grants, Audience audience, String tokenId, UUID familyId,
		Instant expiresAt, long grantsVersion) {

	public CurrentUser {
		grants = Set.copyOf(grants);
	}

	/** The roles held, for whatever object. */
	public Set<Role> roles() {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		grants.forEach(grant -> roles.add(grant.role()));
		return roles;
	}

	/** Holds this role for some object; whether for the one at hand is a scope check. */
	public boolean has(Role role) {
		for (Grant grant : grants) {
			if (grant.role() == role) {
				return true;
			}
		}
		return false;
	}

	public boolean hasAny(Role... wanted) {
		for (Role role : wanted) {
			if (has(role)) {
				return true;
			}
		}
		return false;
	}

	/** Holds one of these (enterprise) roles for this enterprise. */
	public boolean holdsFor(UUID enterpriseId, Role... roles) {
		if (enterpriseId == null) {
			return false;
		}
		for (Role role : roles) {
			if (grants.contains(new Grant(role, enterpriseId))) {
				return true;
			}
		}
		return false;
	}

	/** The enterprises for which the user holds one of these roles. */
	public Set<UUID> enterprisesAs(Role... roles) {
		Set<UUID> enterprises = new LinkedHashSet<>();
		for (Grant grant : grants) {
			if (grant.enterpriseId() != null && contains(roles, grant.role())) {
				enterprises.add(grant.enterpriseId());
			}
		}
		return enterprises;
	}

	/** The zones of the user's OFFICIAL grants (each covers its subtree). */
	public Set<UUID> officialZones() {
		Set<UUID> zones = new LinkedHashSet<>();
		for (Grant grant : grants) {
			if (grant.role() == Role.OFFICIAL) {
				zones.add(grant.zoneId());
			}
		}
		return zones;
	}

	public boolean isDistrictAdmin() {
		return has(Role.DISTRICT_ADMIN);
	}

	private static boolean contains(Role[] roles, Role role) {
		for (Role candidate : roles) {
			if (candidate == role) {
				return true;
			}
		}
		return false;
	}

}
