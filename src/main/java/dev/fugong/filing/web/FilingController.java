package dev.fugong.filing.web;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.filing.domain.Filing;
import dev.fugong.filing.domain.FilingProperties;
import dev.fugong.filing.domain.FilingService;
import dev.fugong.filing.domain.FilingService.ModeSetting;
import dev.fugong.filing.model.FileKind;
import dev.fugong.filing.model.FilingState;
import dev.fugong.filing.model.FilingState.Action;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** 复工备案 on the console: managers file, officials review, inspect, approve or return. */
@RestController
class FilingController {

	private final FilingService filings;

	private final long maxFileBytes;

	FilingController(FilingService filings, FilingProperties properties) {
		this.filings = filings;
		this.maxFileBytes = properties.maxFileSize().toBytes();
	}

	/**
	 * Opens a filing (复工备案) for an enterprise with its commitments; files are uploaded to
	 * it after.
	 */
	@ProblemCodes({ "filing_open", "already_filed", "negative_listed" })
	@PostMapping(path = "/api/v1/enterprises/{id}/filings", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<FilingResponse>> submit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody FilingRequest request, UriComponentsBuilder uri) {
		return filings.submit(user, id, request.toMaterials())
			.map(filing -> ResponseEntity.created(uri.path("/api/v1/filings/{id}").build(filing.id()))
				.body(FilingResponse.of(filing)));
	}

	/** The filings (备案) of one enterprise, newest first. */
	@GetMapping(path = "/api/v1/enterprises/{id}/filings", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<FilingResponse>> ofEnterprise(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return filings.ofEnterprise(user, id)
			.map(FilingResponse::of)
			.collectList()
			.map(items -> new PageResponse<>(items, 0, 100, items.size()));
	}

	/**
	 * Filings (备案) in the caller's scope, by state, zone or enterprise, one page at a
	 * time.
	 */
	@GetMapping(path = "/api/v1/filings", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<FilingResponse>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) FilingState state,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return filings.list(user, state, page, size)
			.map(result -> new PageResponse<>(result.items().stream().map(FilingResponse::of).toList(), page, size,
					result.total()));
	}

	/** One filing (备案) the caller can see, with its files and history. */
	@GetMapping(path = "/api/v1/filings/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<FilingResponse> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return filings.get(user, id).map(FilingResponse::of);
	}

	/** 初审. */
	@ProblemCodes({ "invalid_transition" })
	@PostMapping(path = "/api/v1/filings/{id}/review", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<FilingResponse> review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) NoteRequest request) {
		return step(user, id, Action.REVIEW, request);
	}

	/** 实地踏勘. */
	@ProblemCodes({ "invalid_transition" })
	@PostMapping(path = "/api/v1/filings/{id}/inspect", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<FilingResponse> inspect(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) NoteRequest request) {
		return step(user, id, Action.INSPECT, request);
	}

	/** 批准: the enterprise may operate, with a BLUE plate. */
	@ProblemCodes({ "invalid_transition", "materials_missing" })
	@PostMapping(path = "/api/v1/filings/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<FilingResponse> approve(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) NoteRequest request) {
		return step(user, id, Action.APPROVE, request);
	}

	/** 退回, with the reasons in {@code note}. */
	@ProblemCodes({ "invalid_transition" })
	@PostMapping(path = "/api/v1/filings/{id}/return", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<FilingResponse> giveBack(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody(required = false) NoteRequest request) {
		return step(user, id, Action.RETURN, request);
	}

	/**
	 * A material as a file ({@code multipart/form-data}: {@code file}, {@code kind}); its
	 * type is decided by its content.
	 */
	@ProblemCodes({ "invalid_transition", "too_many_files", "unsupported_file_type", "archive_refused" })
	@PostMapping(path = "/api/v1/filings/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Filing.FileInfo>> upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
							schema = @Schema(implementation = UploadForm.class))) @RequestBody Flux<PartEvent> parts,
			UriComponentsBuilder uri) {
		return filings.addFile(user, id, Mono.defer(() -> MultipartUpload.read(parts, maxFileBytes)))
			.map(file -> ResponseEntity.status(HttpStatus.CREATED)
				.location(uri.path("/api/v1/filings/{id}/files/{fileId}").build(id, file.id()))
				.body(file));
	}

	/** A material, always as a download. */
	@FileAnswer({ "application/pdf", "image/jpeg", "image/png",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
	@GetMapping("/api/v1/filings/{id}/files/{fileId}")
	Mono<ResponseEntity<byte[]>> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@PathVariable UUID fileId) {
		return filings.file(user, id, fileId).map(file -> Attachments.of(file.content(), file.type(), file.name()));
	}

	/** The upload's form, for the API document. */
	record UploadForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
			description = "the file; its type is decided by its content: PDF, JPEG, PNG, DOCX or XLSX") String file,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED) FileKind kind) {
	}

	/**
	 * Whether enterprises file (备案) before resuming or resume at once and file after (the
	 * district's filing mode).
	 */
	@GetMapping(path = "/api/v1/filing-mode", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ModeSetting> mode() {
		return filings.mode();
	}

	/** The district admin switches between approval and notify-only filing. */
	@PutMapping(path = "/api/v1/filing-mode", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ModeSetting> setMode(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody ModeRequest request) {
		return filings.setMode(user, request.mode(), request.reason().strip());
	}

	private Mono<FilingResponse> step(CurrentUser user, UUID id, Action action, NoteRequest request) {
		return filings.step(user, id, action, request == null ? null : request.note()).map(FilingResponse::of);
	}

}
