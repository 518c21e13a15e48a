package dev.fugong.enterprise.domain;

import java.util.Set;
import java.util.UUID;

/**
 * The enterprises a caller oversees, for features that list records by enterprise: every
 * one ({@code all}, the district admin without a zone filter) or these ids.
 */
public record Overseen(boolean all, Set<UUID> enterpriseIds) {

	public Overseen {
		enterpriseIds = Set.copyOf(enterpriseIds);
	}

	public static Overseen everything() {
		return new Overseen(true, Set.of());
	}

	public boolean isEmpty() {
		return !all && enterpriseIds.isEmpty();
	}

	public boolean contains(UUID enterpriseId) {
		return all || enterpriseIds.contains(enterpriseId);
	}

}
