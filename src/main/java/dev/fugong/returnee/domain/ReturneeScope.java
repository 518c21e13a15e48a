package dev.fugong.returnee.domain;

import java.util.Set;
import java.util.UUID;

/**
 * Which returnees a caller may see: all (district admin), those of the enterprises for
 * which it holds one of the allowed enterprise roles, and those of its officials' zone
 * subtrees. From the token's grants only.
 */
record ReturneeScope(boolean all, Set<UUID> enterprises, Set<UUID> zones) {

	boolean covers(UUID enterpriseId, UUID zoneId) {
		return all || enterprises.contains(enterpriseId) || zones.contains(zoneId);
	}

	boolean isNothing() {
		return !all && enterprises.isEmpty() && zones.isEmpty();
	}

}
