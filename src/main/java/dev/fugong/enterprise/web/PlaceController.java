package dev.fugong.enterprise.web;

import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One place: read, rename or switch to dynamic codes, remove. */
@RestController
@RequestMapping("/api/v1/places/{id}")
class PlaceController {

	private final EnterpriseService enterprises;

	PlaceController(EnterpriseService enterprises) {
		this.enterprises = enterprises;
	}

	/** One place (场所) the caller can see. */
	@GetMapping
	Mono<PlaceResponse> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.place(user, id).map(view -> PlaceResponse.of(view.place()));
	}

	/**
	 * Changes a place's name, kind or whether it needs a dynamic code (JSON merge patch).
	 */
	@PatchMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	Mono<PlaceResponse> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody PlacePatchRequest request) {
		return enterprises.updatePlace(user, id, request.name(), request.requiresDynamicCode()).map(PlaceResponse::of);
	}

	/** The place's codes are refused from then on; its past scans are kept. */
	@DeleteMapping
	Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.deletePlace(user, id).thenReturn(ResponseEntity.noContent().build());
	}

}
