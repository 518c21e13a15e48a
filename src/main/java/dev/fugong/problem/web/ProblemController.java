package dev.fugong.problem.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.problem.domain.Problem;
import dev.fugong.problem.domain.ProblemService;
import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.problem.model.ProblemStatus;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * 企业困难问题: guides, managers and officials report; officials take them in hand and resolve
 * them; an enterprise's page lists its open ones; overdue ones are listed for officials.
 */
@RestController
class ProblemController {

	private final ProblemService problems;

	ProblemController(ProblemService problems) {
		this.problems = problems;
	}

	/**
	 * Reports a problem (问题) found at an enterprise, with a deadline for it to be solved.
	 */
	@PostMapping(path = "/api/v1/problems", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Problem>> reportProblem(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ProblemRequest request, UriComponentsBuilder uri) {
		return problems.report(user, request.enterpriseId(), request.category(), request.description().strip())
			.map(problem -> ResponseEntity
				.created(uri.path("/api/v1/problems/{id}").buildAndExpand(problem.id()).toUri())
				.body(problem));
	}

	/**
	 * The problems the caller may read, newest first; {@code overdue=true} the overdue
	 * ones, oldest first.
	 */
	@GetMapping(path = "/api/v1/problems", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<Problem>> listProblems(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID zoneId,
			@RequestParam(required = false) ProblemStatus status,
			@RequestParam(required = false) ProblemCategory category,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return problems.list(user, enterpriseId, zoneId, status, category, overdue, page, size)
			.map(result -> new PageResponse<>(result.items(), page, size, result.total()));
	}

	/**
	 * Officials: problems unresolved past {@code fugong.problems.overdue-after}, oldest
	 * first.
	 */
	@GetMapping(path = "/api/v1/problems/overdue", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<Problem>> overdueProblems(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID zoneId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return problems.overdue(user, zoneId, page, size)
			.map(result -> new PageResponse<>(result.items(), page, size, result.total()));
	}

	/** One problem with its steps. */
	@GetMapping(path = "/api/v1/problems/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Problem> getProblem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return problems.get(user, id);
	}

	/** Officials: IN_PROGRESS (note), RESOLVED (answer). */
	@ProblemCodes({ "invalid_transition" })
	@PatchMapping(path = "/api/v1/problems/{id}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Problem> moveProblem(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody ProblemPatchRequest request) {
		return problems.move(user, id, request.status(), request.answer(), request.note());
	}

	/** The enterprise's problems not yet resolved, oldest first: for its page. */
	@GetMapping(path = "/api/v1/enterprises/{id}/problems", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<List<Problem>> unresolvedProblems(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return problems.unresolvedOf(user, id);
	}

}
