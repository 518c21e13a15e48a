package dev.fugong.enterprise.domain;

import java.util.Set;
import java.util.UUID;

import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

/**
 * Which enterprises a caller may see: all of them (district admin), those in an
 * official's zone subtree, or the one enterprise of a manager, guide or gate staff.
 * Always derived from the token, never from the request.
 */
record EnterpriseScope(boolean all, Set<UUID> zones, UUID enterpriseId) {

	static EnterpriseScope of(CurrentUser user, Set<UUID> officialZones) {
		boolean admin = user.has(Role.DISTRICT_ADMIN);
		Set<UUID> zones = user.has(Role.OFFICIAL) ? Set.copyOf(officialZones) : Set.of();
		UUID enterprise = user.hasAny(Role.ENTERPRISE_MANAGER, Role.GUIDE, Role.GATE_STAFF) ? user.enterpriseId()
				: null;
		return new EnterpriseScope(admin, zones, enterprise);
	}

	boolean covers(Enterprise enterprise) {
		return all || zones.contains(enterprise.zoneId()) || enterprise.id().equals(enterpriseId);
	}

	boolean coversZone(UUID zoneId) {
		return all || zones.contains(zoneId);
	}

	boolean isNothing() {
		return !all && zones.isEmpty() && enterpriseId == null;
	}

}
