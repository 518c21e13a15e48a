package dev.fugong.application.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.application.domain.ApplicationService;
import dev.fugong.application.model.ApplicationState;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** A new enterprise asks to be registered; the zone's officials decide. */
@RestController
@RequestMapping(path = "/api/v1/enterprise-applications", produces = MediaType.APPLICATION_JSON_VALUE)
class ApplicationController {

	private final ApplicationService applications;

	ApplicationController(ApplicationService applications) {
		this.applications = applications;
	}

	/**
	 * Applies for an enterprise to join the platform (入驻申请); an official of its zone
	 * decides.
	 */
	@ProblemCodes({ "rate_limited", "uscc_taken", "application_pending", "negative_listed" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ApplicationResponse>> submit(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ApplicationRequest request, UriComponentsBuilder uri) {
		return applications.submit(user, request.toChanges())
			.map(created -> ResponseEntity.created(uri.path("/api/v1/enterprise-applications/{id}").build(created.id()))
				.body(ApplicationResponse.of(created)));
	}

	/** One application (入驻申请): the applicant's own, or one in the caller's zones. */
	@GetMapping("/{id}")
	Mono<ApplicationResponse> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return applications.get(user, id).map(ApplicationResponse::of);
	}

	/** Officials: their zones' applications; anyone else: its own. */
	@GetMapping
	Mono<PageResponse<ApplicationResponse>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) ApplicationState status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return applications.list(user, status, page, size)
			.map(result -> new PageResponse<>(result.items().stream().map(ApplicationResponse::of).toList(), page, size,
					result.total()));
	}

	/**
	 * An official accepts an application (入驻申请): the enterprise is filed and the
	 * applicant becomes its manager.
	 */
	@ProblemCodes({ "invalid_transition", "uscc_taken", "negative_listed" })
	@PostMapping("/{id}/accept")
	Mono<ApplicationResponse> accept(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) ApplicationDecisionRequest request) {
		return applications.accept(user, id, request == null ? null : request.reason()).map(ApplicationResponse::of);
	}

	/** An official refuses an application (入驻申请), with a reason the applicant sees. */
	@ProblemCodes({ "invalid_transition" })
	@PostMapping("/{id}/refuse")
	Mono<ApplicationResponse> refuse(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) ApplicationDecisionRequest request) {
		return applications.refuse(user, id, request == null ? null : request.reason()).map(ApplicationResponse::of);
	}

	/** The applicant withdraws its application (入驻申请) before a decision. */
	@ProblemCodes({ "invalid_transition" })
	@PostMapping("/{id}/withdraw")
	Mono<ApplicationResponse> withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return applications.withdraw(user, id).map(ApplicationResponse::of);
	}

}
