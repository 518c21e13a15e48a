package dev.fugong.inspection.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.inspection.domain.Inspection;
import dev.fugong.inspection.domain.InspectionProperties;
import dev.fugong.inspection.domain.InspectionService;
import dev.fugong.inspection.domain.InspectionService.PhotoInfo;
import dev.fugong.inspection.domain.PlanService;
import dev.fugong.inspection.domain.PlanService.Plan;
import dev.fugong.inspection.model.ChecklistItem;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.upload.Attachments;
import dev.fugong.shared.upload.MultipartUpload;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.web.FileAnswer;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** 督查检查 on the console: inspections with their checklist and photos, and plans. */
@RestController
class InspectionController {

	private final InspectionService inspections;

	private final PlanService plans;

	private final long maxPhotoBytes;

	InspectionController(InspectionService inspections, PlanService plans, InspectionProperties properties) {
		this.inspections = inspections;
		this.plans = plans;
		this.maxPhotoBytes = properties.maxPhotoSize().toBytes();
	}

	/**
	 * Records an inspection (检查) of an enterprise against the checklist; failed items
	 * become problems.
	 */
	@ProblemCodes({ "change_pending" })
	@PostMapping(path = "/api/v1/inspections", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Inspection>> record(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody InspectionRequest request, UriComponentsBuilder uri) {
		return inspections.record(user, request.toFindings())
			.map(recorded -> ResponseEntity.created(uri.path("/api/v1/inspections/{id}").build(recorded.id()))
				.body(recorded));
	}

	/**
	 * Inspections (检查) in the caller's scope, by enterprise, zone or date, one page at a
	 * time.
	 */
	@GetMapping(path = "/api/v1/inspections", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<Inspection>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID zoneId,
			@RequestParam(required = false) Boolean passed,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return inspections.list(user, enterpriseId, zoneId, passed, page, size)
			.map(result -> new PageResponse<>(result.items(), page, size, result.total()));
	}

	/** One inspection (检查) the caller can see. */
	@GetMapping(path = "/api/v1/inspections/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Inspection> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return inspections.get(user, id);
	}

	/**
	 * A photo of one item ({@code multipart/form-data}, part {@code file}: JPEG or PNG).
	 */
	@ProblemCodes({ "unsupported_file_type", "archive_refused" })
	@PostMapping(path = "/api/v1/inspections/{id}/items/{item}/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<PhotoInfo>> addPhoto(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable ChecklistItem item,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = PhotoForm.class))) @RequestBody Flux<PartEvent> parts) {
		return inspections.addPhoto(user, id, item, Mono.defer(() -> MultipartUpload.read(parts, maxPhotoBytes)))
			.map(photo -> ResponseEntity.status(HttpStatus.CREATED).body(photo));
	}

	/** The photo upload's form, for the API document. */
	record PhotoForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
			description = "JPEG or PNG, decided by its content") String file) {
	}

	/** An item's photo, always as a download. */
	@FileAnswer({ "image/jpeg", "image/png" })
	@GetMapping("/api/v1/inspections/{id}/items/{item}/photo")
	Mono<ResponseEntity<byte[]>> photo(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable ChecklistItem item) {
		return inspections.photo(user, id, item)
			.map(photo -> Attachments.of(photo.content(), photo.type(),
					item.name().toLowerCase(java.util.Locale.ROOT)));
	}

	/**
	 * Draws an inspection plan: a reproducible random sample of enterprises to inspect
	 * (抽查).
	 */
	@ProblemCodes({ "out_of_scope" })
	@PostMapping(path = "/api/v1/inspection-plans", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Plan>> plan(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PlanRequest request,
			UriComponentsBuilder uri) {
		return plans.create(user, request.zoneId(), request.industry(), request.fraction(), request.seed())
			.map(plan -> ResponseEntity.created(uri.path("/api/v1/inspection-plans/{id}").build(plan.id())).body(plan));
	}

	/** One inspection plan (抽查计划) with its sampled enterprises. */
	@GetMapping(path = "/api/v1/inspection-plans/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Plan> getPlan(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return plans.get(user, id);
	}

}
