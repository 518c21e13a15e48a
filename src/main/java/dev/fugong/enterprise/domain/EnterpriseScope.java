package dev.fugong.enterprise.domain;

import java.util.Set;
import java.util.UUID;

import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

/**
 * Which enterprises a caller may act on in one way: all of them (district admin), those
 * in its officials' zone subtrees, and those for which it holds one of the enterprise
 * roles that allow the act. Always derived from the token's grants, never from the
 * request, and per grant: a gate-staff grant at one enterprise lends nothing of a
 * manager's grant at another.
 */
record EnterpriseScope(boolean all, Set<UUID> zones, Set<UUID> enterprises) {

	/**
	 * @param officialSubtrees every zone under the caller's OFFICIAL grants
	 * @param enterpriseRoles the enterprise roles that allow the act
	 */
	static EnterpriseScope of(CurrentUser user, Set<UUID> officialSubtrees, Role... enterpriseRoles) {
		return new EnterpriseScope(user.isDistrictAdmin(), Set.copyOf(officialSubtrees),
				Set.copyOf(user.enterprisesAs(enterpriseRoles)));
	}

	boolean covers(Enterprise enterprise) {
		return all || zones.contains(enterprise.zoneId()) || enterprises.contains(enterprise.id());
	}

	/** Oversees the enterprise: as district admin or one of its officials. */
	boolean oversees(Enterprise enterprise) {
		return all || zones.contains(enterprise.zoneId());
	}

	boolean coversZone(UUID zoneId) {
		return all || zones.contains(zoneId);
	}

	boolean isNothing() {
		return !all && zones.isEmpty() && enterprises.isEmpty();
	}

}
