package dev.fugong.plate.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.plate.domain.PlateService;
import dev.fugong.plate.domain.PlateView;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 红黄蓝挂牌 on the console: officials set plates with a reason; a RED waits for a second
 * official's confirmation.
 */
@RestController
class PlateController {

	private final PlateService plates;

	PlateController(PlateService plates) {
		this.plates = plates;
	}

	/**
	 * Proposes a plate change (挂牌变更) for an enterprise; a second official must confirm
	 * it.
	 */
	@ProblemCodes({ "change_pending", "plate_unchanged", "follow_up_required" })
	@PostMapping(path = "/api/v1/enterprises/{id}/plate", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<PlateChangeResponse>> propose(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody PlateRequest request, UriComponentsBuilder uri) {
		return plates.propose(user, id, request.color(), request.reason(), request.rectifyBy())
			.map(change -> ResponseEntity.created(uri.path("/api/v1/plate-changes/{id}").build(change.id()))
				.body(PlateChangeResponse.of(change)));
	}

	/**
	 * An enterprise's plate (挂牌: red, yellow or green) and the change waiting for a
	 * decision, if any.
	 */
	@GetMapping(path = "/api/v1/enterprises/{id}/plate", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PlateResponse> view(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return plates.view(user, id).map(PlateResponse::of);
	}

	/** One plate change (挂牌变更) and its decision. */
	@GetMapping(path = "/api/v1/plate-changes/{changeId}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PlateChangeResponse> change(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID changeId) {
		return plates.get(user, changeId).map(PlateChangeResponse::of);
	}

	/** REDs waiting for a second official, in the caller's zones. */
	@GetMapping(path = "/api/v1/plate-changes", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<List<PlateChangeResponse>> pending(@AuthenticationPrincipal CurrentUser user) {
		return plates.pending(user).map(PlateChangeResponse::of).collectList();
	}

	/**
	 * The second official confirms a proposed plate change (挂牌变更); the enterprise's plate
	 * changes at once.
	 */
	@ProblemCodes({ "change_not_awaiting", "own_change", "change_expired" })
	@PostMapping(path = "/api/v1/plate-changes/{changeId}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PlateChangeResponse> confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID changeId,
			@Valid @RequestBody(required = false) DecisionRequest request) {
		return plates.confirm(user, changeId, request == null ? null : request.note()).map(PlateChangeResponse::of);
	}

	/**
	 * The second official rejects a proposed plate change (挂牌变更); the plate stays as it
	 * was.
	 */
	@ProblemCodes({ "change_not_awaiting" })
	@PostMapping(path = "/api/v1/plate-changes/{changeId}/reject", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PlateChangeResponse> reject(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID changeId,
			@Valid @RequestBody DecisionRequest request) {
		if (request.note() == null) {
			return Mono.error(new dev.fugong.shared.problem.ApiException.InvalidField("note",
					"is required: why the change is rejected"));
		}
		return plates.reject(user, changeId, request.note()).map(PlateChangeResponse::of);
	}

	/** YELLOW plates past their rectification date, most overdue first. */
	@GetMapping(path = "/api/v1/plates/overdue", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<List<OverdueResponse>> overdue(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId) {
		return plates.overdue(user, zoneId)
			.map(o -> new OverdueResponse(o.enterprise().id(), o.enterprise().name(), o.enterprise().zoneId(),
					o.enterprise().industry(), o.rectifyBy(), o.daysOverdue()))
			.collectList();
	}

	record OverdueResponse(UUID enterpriseId, String enterpriseName, UUID zoneId, Industry industry,
			LocalDate rectifyBy, long daysOverdue) {
	}

	record PlateResponse(UUID enterpriseId, Plate color, Instant since, LocalDate rectifyBy, boolean overdue,
			PlateChangeResponse pending, List<PlateChangeResponse> history) {

		static PlateResponse of(PlateView view) {
			return new PlateResponse(view.enterpriseId(), view.color(), view.since(), view.rectifyBy(), view.overdue(),
					view.pending() == null ? null : PlateChangeResponse.of(view.pending()),
					view.history().stream().map(PlateChangeResponse::of).toList());
		}

	}

}
