package dev.fugong.trajectory.model;

import java.util.Set;
import java.util.UUID;

/**
 * What of a person's records a caller may see (issue 12): an official the records in its
 * zone subtrees; a manager the visits of its own employees at its own enterprises; nobody
 * else anything. Spring-free, so the rule is tested by itself (LookupScopeTests).
 *
 * @param zones the zones of the caller's official grants, with every zone under them
 * @param enterprises the enterprises the caller manages
 */
public record LookupScope(Set<UUID> zones, Set<UUID> enterprises) {

	public LookupScope {
		zones = Set.copyOf(zones);
		enterprises = Set.copyOf(enterprises);
	}

	/** Whether the caller may look anyone up at all (an official or a manager). */
	public boolean mayLookUp() {
		return !zones.isEmpty() || !enterprises.isEmpty();
	}

	/** Whether the caller may look up a person employed by {@code employer} (or none). */
	public boolean mayLookUp(UUID employer) {
		return !zones.isEmpty() || (employer != null && enterprises.contains(employer));
	}

	/**
	 * Whether the caller sees a record made at an enterprise of a zone, for a person
	 * employed by {@code employer}.
	 */
	public boolean sees(UUID enterpriseId, UUID zoneId, UUID employer) {
		if (zoneId != null && zones.contains(zoneId)) {
			return true;
		}
		return enterpriseId != null && employer != null && enterprises.contains(enterpriseId)
				&& enterprises.contains(employer);
	}

}
