package dev.fugong.enterprise.web;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.Community;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.PlaceKind;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.web.PageResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Residential compounds (小区) of a grid and their checkpoints (卡点), for the grid's
 * officials and the district admin. A checkpoint is a place like an enterprise's gate:
 * its code, poster, rotation and scans are the places' endpoints.
 */
@RestController
class CommunityController {

	private final EnterpriseService enterprises;

	CommunityController(EnterpriseService enterprises) {
		this.enterprises = enterprises;
	}

	/**
	 * Registers a residential compound (小区) of a grid zone (网格) the caller oversees. Only
	 * a GRID zone holds communities (409 {@code zone_not_a_grid}).
	 */
	@ProblemCodes({ "zone_not_a_grid" })
	@PostMapping(path = "/api/v1/zones/{zoneId}/communities", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<CommunityResponse>> createCommunity(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID zoneId, @Valid @RequestBody CommunityRequest request, UriComponentsBuilder uri) {
		return enterprises.createCommunity(user, zoneId, request.name(), request.address())
			.map(created -> ResponseEntity.created(uri.path("/api/v1/communities/{id}").build(created.id()))
				.body(CommunityResponse.of(created)));
	}

	/** The communities of a zone the caller oversees and of the zones under it. */
	@GetMapping("/api/v1/zones/{zoneId}/communities")
	Mono<PageResponse<CommunityResponse>> communities(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID zoneId) {
		return enterprises.communities(user, zoneId)
			.map(CommunityResponse::of)
			.collectList()
			.map(items -> new PageResponse<>(items, 0, Math.max(items.size(), 1), items.size()));
	}

	/** One community the caller oversees. */
	@GetMapping("/api/v1/communities/{id}")
	Mono<CommunityResponse> community(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.community(user, id).map(CommunityResponse::of);
	}

	/**
	 * Adds a checkpoint (卡点) to a community: a place with a signed code and a printable
	 * poster ({@code /api/v1/places/{id}/poster.pdf}). {@code kind} must be
	 * {@code CHECKPOINT}.
	 */
	@PostMapping(path = "/api/v1/communities/{id}/places", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<PlaceResponse>> addCheckpoint(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody CheckpointRequest request) {
		return enterprises.addCheckpoint(user, id, request.name(), request.kind())
			.map(place -> ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
				.body(PlaceResponse.of(place)));
	}

	/** The checkpoints of a community the caller oversees, oldest first. */
	@GetMapping("/api/v1/communities/{id}/places")
	Mono<PageResponse<PlaceResponse>> checkpoints(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.checkpoints(user, id)
			.map(view -> PlaceResponse.of(view.place()))
			.collectList()
			.map(items -> new PageResponse<>(items, 0, Math.max(items.size(), 1), items.size()));
	}

	/**
	 * @param name the compound's name, as residents know it (两山秀苑)
	 * @param address its street address
	 */
	record CommunityRequest(@NotBlank @Size(max = 100) @PlainText String name,
			@NotBlank @Size(max = 300) @PlainText String address) {

		CommunityRequest {
			name = Text.strip(name);
			address = Text.strip(address);
		}

	}

	/**
	 * @param name the checkpoint's name (北门卡点)
	 * @param kind CHECKPOINT: a community's places are checkpoints
	 */
	record CheckpointRequest(@NotBlank @Size(max = 100) @PlainText String name, @NotNull PlaceKind kind) {

		CheckpointRequest {
			name = Text.strip(name);
		}

	}

	record CommunityResponse(UUID id, String name, String address, UUID zoneId, Instant createdAt) {

		static CommunityResponse of(Community community) {
			return new CommunityResponse(community.id(), community.name(), community.address(), community.zoneId(),
					community.createdAt());
		}

	}

}
