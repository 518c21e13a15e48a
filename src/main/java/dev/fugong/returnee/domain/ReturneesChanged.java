package dev.fugong.returnee.domain;

import java.util.Set;
import java.util.UUID;

/**
 * Returnees of these enterprises were registered or became abnormal, so the counts of
 * {@link ReturneeService#tallies} may have moved; published once the change is committed.
 * Time alone moves them too (an arrival passing, an observation ending) with no event:
 * readers that keep counts also read them again on a schedule.
 */
public record ReturneesChanged(Set<UUID> enterpriseIds) {

	public ReturneesChanged {
		enterpriseIds = Set.copyOf(enterpriseIds);
	}

}
