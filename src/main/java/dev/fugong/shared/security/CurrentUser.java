package dev.fugong.shared.security;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller, as its verified token says. Scope (enterprise, zone) comes only from here,
 * never from the request.
 *
 * @param id the user id ({@code sub})
 * @param roles the roles granted
 * @param enterpriseId the enterprise of an enterprise role (manager, guide, gate staff,
 * employee)
 * @param zoneId the zone of an official (its whole subtree is in scope)
 * @param audience the client the token was issued to
 * @param tokenId the token's {@code jti}, for revocation
 * @param familyId the sign-in the token belongs to ({@code fam}); logout revokes all of
 * it
 * @param expiresAt when the token expires
 */
public record CurrentUser(UUID id, Set<Role> roles, UUID enterpriseId, UUID zoneId, Audience audience, String tokenId,
		UUID familyId, Instant expiresAt) {

	public CurrentUser {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean hasAny(Role... wanted) {
		for (Role role : wanted) {
			if (roles.contains(role)) {
				return true;
			}
		}
		return false;
	}

	public Optional<UUID> enterprise() {
		return Optional.ofNullable(enterpriseId);
	}

	public Optional<UUID> zone() {
		return Optional.ofNullable(zoneId);
	}

}
