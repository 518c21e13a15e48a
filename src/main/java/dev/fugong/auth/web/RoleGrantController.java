package dev.fugong.auth.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.RoleGrantService;
import dev.fugong.auth.domain.RoleGrantService.RoleGrant;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Granting and revoking roles, on the console. */
@RestController
@RequestMapping(path = "/api/v1/role-grants", produces = MediaType.APPLICATION_JSON_VALUE)
class RoleGrantController {

	private final RoleGrantService grants;

	RoleGrantController(RoleGrantService grants) {
		this.grants = grants;
	}

	/**
	 * Grants a user a role for an enterprise or a zone (授权), within what the caller may
	 * grant.
	 */
	@ProblemCodes({ "role_already_granted" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<RoleGrantResponse>> grant(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody RoleGrantRequest request) {
		return grants.grant(user, request.userId(), request.role(), request.enterpriseId(), request.zoneId())
			.map(grant -> ResponseEntity.status(HttpStatus.CREATED).body(RoleGrantResponse.of(grant)));
	}

	/**
	 * The roles (角色) a user holds that the caller may see: its enterprises' staff, or its
	 * zones' users.
	 */
	@GetMapping
	Flux<RoleGrantResponse> list(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID userId) {
		return grants.list(user, userId).map(RoleGrantResponse::of);
	}

	/**
	 * Takes a role back from a user; the user's signed-in sessions lose it at their next
	 * refresh.
	 */
	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return grants.revoke(user, id).thenReturn(ResponseEntity.noContent().build());
	}

	record RoleGrantRequest(@NotNull UUID userId, @NotNull Role role, UUID enterpriseId, UUID zoneId) {
	}

	record RoleGrantResponse(UUID id, UUID userId, Role role, UUID enterpriseId, UUID zoneId, UUID grantedBy,
			Instant grantedAt) {

		static RoleGrantResponse of(RoleGrant grant) {
			return new RoleGrantResponse(grant.id(), grant.userId(), grant.role(), grant.enterpriseId(), grant.zoneId(),
					grant.grantedBy(), grant.grantedAt());
		}

	}

}
