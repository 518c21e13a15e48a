package dev.fugong.trajectory.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.trajectory.domain.LookupLog;
import dev.fugong.trajectory.domain.LookupLog.Lookup;
import dev.fugong.trajectory.domain.TrajectoryService;
import dev.fugong.trajectory.domain.TrajectoryService.Trajectory;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** 轨迹查询 (seed 001) and, for the person looked up, who looked. */
@RestController
class TrajectoryController {

	private final TrajectoryService trajectories;

	private final LookupLog lookups;

	TrajectoryController(TrajectoryService trajectories, LookupLog lookups) {
		this.trajectories = trajectories;
		this.lookups = lookups;
	}

	@PostMapping(path = "/api/v1/trajectory-queries", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ProblemCodes({ "forbidden", "out_of_scope", "rate_limited" })
	@Operation(summary = "Look up a person's trajectory by phone",
			description = "The person's scan-ins and declared travel of the last 1-14 days, newest first, masked: an "
					+ "official sees the records in its zone subtrees, a manager its own employees' visits at its own "
					+ "enterprises. Every query, answered or refused, is audited with its purpose; a phone the "
					+ "platform does not know answers like a known phone with nothing in the window.")
	@ApiResponse(responseCode = "200", description = "The trajectory (possibly empty)")
	Mono<Trajectory> query(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody TrajectoryQueryRequest request) {
		return trajectories.query(user, request.phone(), request.daysOrDefault(), request.purpose(), request.note());
	}

	@GetMapping(path = "/api/v1/me/trajectory-lookups", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Who looked at my trajectory",
			description = "The trajectory queries and contact screenings about the signed-in person: when, the "
					+ "looker's role and organisation, and the purpose it stated; newest first, at most 200.")
	@ApiResponse(responseCode = "200", description = "The lookups (empty without a bound phone)")
	Mono<LookupsResponse> mine(@AuthenticationPrincipal CurrentUser user) {
		return lookups.mine(user).map(LookupsResponse::new);
	}

	record LookupsResponse(List<Lookup> items) {
	}

}
