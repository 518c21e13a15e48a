package dev.fugong.returnee.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springdoc.core.annotations.ParameterObject;

import dev.fugong.returnee.domain.Registered;
import dev.fugong.returnee.domain.ReturneeExporter;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.returnee.domain.ReturneeView;
import dev.fugong.returnee.domain.TestResult;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.web.FileAnswer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

/** Returnees (返岗人员): registration, lists, one file, tests, export. */
@RestController
@RequestMapping("/api/v1/returnees")
class ReturneeController {

	private final ReturneeService returnees;

	private final ReturneeExporter exporter;

	ReturneeController(ReturneeService returnees, ReturneeExporter exporter) {
		this.returnees = returnees;
		this.exporter = exporter;
	}

	/**
	 * 201 for a new registration; 200 with the first one when the same trip was
	 * registered before.
	 */
	@ProblemCodes({ "phone_not_bound" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Registered>> register(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody RegistrationRequest request) {
		return returnees.register(user, request.toRegistration())
			.map(registered -> registered.created()
					? ResponseEntity.created(URI.create("/api/v1/returnees/" + registered.id())).body(registered)
					: ResponseEntity.ok(registered));
	}

	/**
	 * Returnees (返岗人员) in the caller's scope, filtered by status, enterprise, zone or
	 * arrival, one page at a time.
	 */
	@GetMapping
	Mono<ReturneePage> list(@AuthenticationPrincipal CurrentUser user,
			@ParameterObject @Valid ReturneeListQuery query) {
		return returnees.list(user, query.filter(), query.pageOrDefault(), query.sizeOrDefault())
			.map(page -> new ReturneePage(page.items(), query.pageOrDefault(), query.sizeOrDefault(), page.total(),
					page.totalExact()));
	}

	/**
	 * A page as every list answers it; {@code total} counts up to 1,000, and
	 * {@code totalExact} is false beyond (the summary counts exactly).
	 */
	record ReturneePage(List<ReturneeView> items, int page, int size, long total, boolean totalExact) {
	}

	/** Counts per status, and the total. */
	@GetMapping("/summary")
	Mono<Map<String, Long>> summary(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID zoneId) {
		return returnees.summary(user, enterpriseId, zoneId);
	}

	/**
	 * The filtered list as CSV (UTF-8 with a byte-order mark, so spreadsheet programs
	 * read the Chinese headers) or XLSX, written as it is read; phone and ID numbers
	 * masked; audited.
	 */
	@FileAnswer({ "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
	@GetMapping("/export")
	Mono<ResponseEntity<Flux<DataBuffer>>> export(@AuthenticationPrincipal CurrentUser user,
			@ParameterObject @Valid ReturneeListQuery query,
			@RequestParam(defaultValue = "xlsx") @Pattern(regexp = "csv|xlsx") String format) {
		boolean csv = format.equals("csv");
		Flux<DataBuffer> body = csv ? exporter.csv(returnees.export(user, query.filter(), "CSV"))
				: exporter.xlsx(returnees.export(user, query.filter(), "XLSX"));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(
				ContentDisposition.attachment().filename("返岗人员." + format, StandardCharsets.UTF_8).build());
		MediaType type = csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : ReturneeExporter.XLSX;
		// Nothing is sent before the first chunk: a filter out of scope fails before it,
		// and is a 403 problem rather than a broken download.
		return Mono.just(ResponseEntity.ok().headers(headers).contentType(type).body(body));
	}

	/**
	 * One returnee (返岗人员) the caller can see, with status, observation period and tests.
	 * Reading it is audited.
	 */
	@GetMapping("/{id}")
	Mono<ReturneeView> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return returnees.get(user, id);
	}

	/**
	 * Records a returnee's test result (核酸检测), which may end or extend its observation.
	 */
	@PostMapping(path = "/{id}/tests", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ReturneeView.TestView>> addTest(@AuthenticationPrincipal CurrentUser user,
			@PathVariable UUID id, @Valid @RequestBody TestRequest request) {
		return returnees.addTest(user, id, request.takenAt(), request.result())
			.map(test -> ResponseEntity.status(HttpStatus.CREATED).body(test));
	}

	/** 核酸检测: when the sample was taken and its result. */
	record TestRequest(@NotNull Instant takenAt, @NotNull TestResult result) {
	}

}
