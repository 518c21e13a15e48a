package dev.fugong.enterprise.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import org.springdoc.core.annotations.ParameterObject;

import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 一企一档: the enterprise registry and its places, for managers and officials on the
 * console.
 */
@RestController
@RequestMapping(path = "/api/v1/enterprises", produces = MediaType.APPLICATION_JSON_VALUE)
class EnterpriseController {

	private final EnterpriseService enterprises;

	EnterpriseController(EnterpriseService enterprises) {
		this.enterprises = enterprises;
	}

	/** Files an enterprise (一企一档) in a zone the caller is an official of. */
	@ProblemCodes({ "uscc_taken", "out_of_scope" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<EnterpriseResponse>> create(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody EnterpriseRequest request, UriComponentsBuilder uri) {
		return enterprises.create(user, request.toChanges())
			.map(created -> withEtag(ResponseEntity.created(uri.path("/api/v1/enterprises/{id}").build(created.id())),
					created));
	}

	/**
	 * Enterprises (企业) in the caller's scope, filtered by zone, industry, batch, plate or
	 * name, one page at a time.
	 */
	@GetMapping
	Mono<PageResponse<EnterpriseResponse>> list(@AuthenticationPrincipal CurrentUser user,
			@ParameterObject @Valid EnterpriseListQuery query) {
		return enterprises.list(user, query.filter(), query.pageOrDefault(), query.sizeOrDefault())
			.map(page -> new PageResponse<>(page.getContent().stream().map(EnterpriseResponse::of).toList(),
					page.getNumber(), page.getSize(), page.getTotalElements()));
	}

	/** One enterprise (企业) the caller can see, with its version in `ETag`. */
	@GetMapping("/{id}")
	Mono<ResponseEntity<EnterpriseResponse>> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.get(user, id).map(found -> withEtag(ResponseEntity.ok(), found));
	}

	/**
	 * Changes an enterprise's record (JSON merge patch); `If-Match` with its `ETag`
	 * guards against lost updates.
	 */
	@ProblemCodes({ "precondition_failed", "concurrent_update" })
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	Mono<ResponseEntity<EnterpriseResponse>> update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody EnterprisePatchRequest request,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return enterprises.update(user, id, request.toChanges(), version(ifMatch))
			.map(updated -> withEtag(ResponseEntity.ok(), updated));
	}

	/** Adds a place (场所) to an enterprise; its QR code (场所码) can be printed at once. */
	@PostMapping(path = "/{id}/places", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<PlaceResponse>> addPlace(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody PlaceRequest request) {
		return enterprises
			.addPlace(user, id, request.name(), request.kind(), Boolean.TRUE.equals(request.requiresDynamicCode()))
			.map(place -> ResponseEntity.status(HttpStatus.CREATED).body(PlaceResponse.of(place)));
	}

	/**
	 * The places (场所: gates, canteens, dormitories…) of an enterprise, one page at a
	 * time.
	 */
	@GetMapping("/{id}/places")
	Mono<PageResponse<PlaceResponse>> places(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return enterprises.places(user, id, page, size)
			.map(result -> new PageResponse<>(result.getContent().stream().map(PlaceResponse::of).toList(),
					result.getNumber(), result.getSize(), result.getTotalElements()));
	}

	private static ResponseEntity<EnterpriseResponse> withEtag(ResponseEntity.BodyBuilder builder, Enterprise e) {
		return builder.eTag("\"" + e.version() + "\"").body(EnterpriseResponse.of(e));
	}

	/**
	 * The version an {@code If-Match: "3"} asks for; a malformed one is the client's
	 * error.
	 */
	private static Long version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String value = ifMatch.strip();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ApiException(HttpStatus.PRECONDITION_FAILED, ProblemCode.PRECONDITION_FAILED,
					"If-Match does not name a version of this enterprise.");
		}
	}

}
