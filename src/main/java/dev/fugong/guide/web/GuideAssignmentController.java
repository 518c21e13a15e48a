package dev.fugong.guide.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.guide.domain.GuideAssignmentService;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Officials station guides in the enterprises of their zones and end assignments; the
 * history stays listable.
 */
@RestController
@RequestMapping(path = "/api/v1/guide-assignments", produces = MediaType.APPLICATION_JSON_VALUE)
class GuideAssignmentController {

	private final GuideAssignmentService assignments;

	GuideAssignmentController(GuideAssignmentService assignments) {
		this.assignments = assignments;
	}

	/**
	 * Stations the guide; it holds the GUIDE role for the enterprise from its next
	 * refresh.
	 */
	@ProblemCodes({ "already_assigned", "team_full", "department_taken" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<AssignmentResponse>> assignGuide(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody AssignmentRequest request, UriComponentsBuilder uri) {
		return assignments.assign(user, request.guideUserId(), request.enterpriseId(), request.department())
			.map(assignment -> ResponseEntity
				.created(uri.path("/api/v1/guide-assignments/{id}").buildAndExpand(assignment.id()).toUri())
				.body(AssignmentResponse.of(assignment)));
	}

	/**
	 * Assignments in the caller's zones, newest first; {@code active=true} those that
	 * last, {@code false} the ended ones, absent both.
	 */
	@GetMapping
	Mono<PageResponse<AssignmentResponse>> listGuideAssignments(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID guideUserId,
			@RequestParam(required = false) UUID zoneId, @RequestParam(required = false) Boolean active,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return assignments.list(user, enterpriseId, zoneId, guideUserId, active, page, size)
			.map(result -> new PageResponse<>(result.items().stream().map(AssignmentResponse::of).toList(), page, size,
					result.total()));
	}

	/** One guide assignment (驻企安排). */
	@GetMapping("/{id}")
	Mono<AssignmentResponse> getGuideAssignment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return assignments.get(user, id).map(AssignmentResponse::of);
	}

	/**
	 * Ends the assignment: the guide's GUIDE role for the enterprise is withdrawn at
	 * once. Answers the ended assignment.
	 */
	@ProblemCodes({ "assignment_ended" })
	@DeleteMapping("/{id}")
	Mono<ResponseEntity<AssignmentResponse>> endGuideAssignment(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID id) {
		return assignments.end(user, id)
			.map(ended -> ResponseEntity.status(HttpStatus.OK).body(AssignmentResponse.of(ended)));
	}

}
