package dev.fugong.returnee.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.returnee.domain.HealthReportService;
import dev.fugong.returnee.domain.Symptom;
import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.validation.ValidTemperature;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 健康打卡: every employee twice a day; who has not reported. */
@RestController
class HealthReportController {

	private final HealthReportService reports;

	private final java.time.Clock clock;

	private final dev.fugong.returnee.model.SlotRules slots;

	HealthReportController(HealthReportService reports, java.time.Clock clock,
			dev.fugong.returnee.model.SlotRules slots) {
		this.reports = reports;
		this.clock = clock;
		this.slots = slots;
	}

	/**
	 * The signed-in person's daily health report (健康打卡): temperature and symptoms. A
	 * fever alerts the enterprise.
	 */
	@ProblemCodes({ "phone_not_bound" })
	@PostMapping(path = "/api/v1/health-reports", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<HealthReportService.Reported>> report(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ReportRequest request) {
		return reports.report(user, request.temperature(), request.symptoms() == null ? List.of() : request.symptoms())
			.map(reported -> ResponseEntity.status(HttpStatus.CREATED).body(reported));
	}

	/**
	 * The enterprise's persons without a report in the slot: by default the last slot
	 * whose deadline has passed.
	 */
	@GetMapping("/api/v1/health-reports/missing")
	Mono<MissingResponse> missing(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID enterpriseId,
			@RequestParam(required = false) ReportSlot slot, @RequestParam(required = false) LocalDate date,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		var due = slots.lastDue(clock.instant());
		return reports
			.missing(user, enterpriseId, date == null ? due.date() : date, slot == null ? due.slot() : slot, page, size)
			.map(missing -> new MissingResponse(missing.items(), page, size, missing.total(), missing.date(),
					missing.slot(), missing.deadline()));
	}

	/**
	 * @param temperature in °C, 34.0–43.0
	 * @param symptoms none when well
	 */
	@Schema(name = "HealthReportRequest")
	record ReportRequest(@NotNull @ValidTemperature BigDecimal temperature,
			@Size(max = 8) List<@NotNull Symptom> symptoms) {
	}

	/** A page of who has not reported, with the slot it is about. */
	@Schema(name = "MissingHealthReports")
	record MissingResponse(List<HealthReportService.MissingPerson> items, int page, int size, long total,
			LocalDate date, ReportSlot slot, Instant deadline) {
	}

}
