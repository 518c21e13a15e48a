package dev.fugong.guide.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.guide.domain.GuideReportService;
import dev.fugong.guide.model.Department;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;

import org.springframework.format.annotation.DateTimeFormat;
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

/**
 * 指导员日报: guides file and amend; guides and officials read; officials see which
 * enterprises have not filed.
 */
@RestController
@RequestMapping(path = "/api/v1/guide-reports", produces = MediaType.APPLICATION_JSON_VALUE)
class GuideReportController {

	private final GuideReportService reports;

	GuideReportController(GuideReportService reports) {
		this.reports = reports;
	}

	/**
	 * Files today's report, or amends it (201 either way; {@code version} and
	 * {@code amends} tell which).
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ReportResponse>> fileGuideReport(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ReportRequest request, UriComponentsBuilder uri) {
		return reports.file(user, request.enterpriseId(), request.date(), request.figures(), request.cleanNotes())
			.map(filed -> ResponseEntity
				.created(uri.path("/api/v1/guide-reports/{id}").buildAndExpand(filed.report().id()).toUri())
				.body(ReportResponse.of(filed.report(), filed.amends(), null)));
	}

	/** The reports in force, newest day first; by default the last 30 days. */
	@GetMapping
	Mono<PageResponse<ReportResponse>> listGuideReports(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID zoneId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return reports.list(user, enterpriseId, zoneId, from, to, page, size)
			.map(result -> new PageResponse<>(result.items().stream().map(ReportResponse::of).toList(), page, size,
					result.total()));
	}

	/**
	 * Today's form for a guide of the enterprise, prefilled with what the platform knows.
	 */
	@GetMapping("/draft")
	Mono<DraftResponse> guideReportDraft(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID enterpriseId) {
		return reports.draft(user, enterpriseId).map(DraftResponse::of);
	}

	/**
	 * The enterprises in the caller's zones with a guide stationed and no report for the
	 * day (default today), by name, with the guides to ask.
	 */
	@GetMapping("/missing")
	Mono<MissingResponse> missingGuideReports(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) UUID zoneId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		return reports.missing(user, date, zoneId, page, size)
			.map(result -> new MissingResponse(result.date(),
					result.items()
						.stream()
						.map(owing -> new MissingResponse.Item(owing.enterprise().id(), owing.enterprise().name(),
								owing.enterprise().zoneId(),
								owing.guides()
									.stream()
									.map(guide -> new MissingResponse.Guide(guide.guideUserId(), guide.department()))
									.toList()))
						.toList(),
					page, size, result.total()));
	}

	/** One report with every version of its day. */
	@GetMapping("/{id}")
	Mono<ReportResponse> getGuideReport(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return reports.get(user, id)
			.map(found -> ReportResponse.of(found.report(), null,
					found.versions().stream().map(ReportResponse::of).toList()));
	}

	/** Enterprises owing a day's report. */
	@Schema(name = "MissingGuideReports")
	record MissingResponse(LocalDate date, List<Item> items, int page, int size, long total) {

		@Schema(name = "MissingGuideReport")
		record Item(UUID enterpriseId, String enterpriseName, UUID zoneId, List<Guide> guides) {
		}

		record Guide(UUID guideUserId, Department department) {
		}

	}

}
