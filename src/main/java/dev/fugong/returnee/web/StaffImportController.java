package dev.fugong.returnee.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.domain.StaffImportService;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.web.FileAnswer;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

/** 上岗人员摸排表 imports: upload, follow, and the template to fill in. */
@RestController
class StaffImportController {

	private final StaffImportService imports;

	private final long maxBytes;

	StaffImportController(StaffImportService imports, ReturneeProperties properties) {
		this.imports = imports;
		this.maxBytes = properties.imports().maxFileSize().toBytes();
	}

	/**
	 * Multipart with the sheet in {@code file} (XLSX, or CSV in UTF-8); 202 with the
	 * import's id, then {@code GET /api/v1/staff-imports/{id}}.
	 */
	@ProblemCodes({ "unsupported_file_type", "archive_refused" })
	@PostMapping(path = "/api/v1/enterprises/{id}/staff-imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Map<String, UUID>>> upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestPart("file") Mono<Part> file) {
		Mono<StaffImportService.Upload> upload = file
			.switchIfEmpty(Mono.error(() -> new ApiException.InvalidField("file", "is required")))
			// A form field named file (no file name) is not a sheet: 400, not a cast
			// failure.
			.flatMap(part -> part instanceof FilePart filePart ? Mono.just(filePart)
					: Mono.error(new ApiException.InvalidField("file", "must be a file")))
			.flatMap(part -> Mono.fromCallable(StaffImportController::uploadFile)
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(path -> part.transferTo(path)
					.then(Mono.fromCallable(() -> sniff(path)))
					.subscribeOn(Schedulers.boundedElastic())
					.onErrorResume(error -> Mono.fromRunnable(() -> deleteQuietly(path))
						.subscribeOn(Schedulers.boundedElastic())
						.then(Mono.error(error)))))
			// A multipart body without a boundary, or cut short: the client's fault.
			.onErrorMap(DecodingException.class,
					error -> new ApiException.InvalidField("file", "is not in a readable multipart body"));
		return imports.start(user, id, upload)
			.map(importId -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("importId", importId)));
	}

	/** Checks size and kind by content (never the file name): XLSX is a zip, CSV text. */
	private StaffImportService.Upload sniff(Path path) throws Exception {
		long size = Files.size(path);
		if (size > maxBytes) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE,
					"The sheet is larger than " + maxBytes + " bytes.");
		}
		if (size == 0) {
			throw new ApiException.InvalidField("file", "is empty");
		}
		byte[] head;
		try (InputStream in = Files.newInputStream(path)) {
			head = in.readNBytes(4096);
		}
		if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			return new StaffImportService.Upload(path, "XLSX");
		}
		String text = new String(head, StandardCharsets.UTF_8);
		if (text.indexOf('\0') >= 0 || text.contains("\uFFFD")) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemCode.UNSUPPORTED_MEDIA_TYPE,
					"Upload the staff sheet as XLSX or as CSV in UTF-8.");
		}
		return new StaffImportService.Upload(path, "CSV");
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (Exception ex) {
			// a temporary file; the OS cleans its temp directory
		}
	}

	/**
	 * The state of a staff import (员工名单导入): rows read, imported and rejected with their
	 * row, column and reason.
	 */
	@GetMapping("/api/v1/staff-imports/{id}")
	Mono<StaffImportService.ImportStatus> status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return imports.status(user, id);
	}

	/**
	 * The staff list template (员工名单模板) as CSV or XLSX, with the columns an import reads.
	 */
	@FileAnswer({ "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
	@GetMapping("/api/v1/staff-imports/template")
	Mono<ResponseEntity<byte[]>> template(
			@RequestParam(defaultValue = "xlsx") @Pattern(regexp = "csv|xlsx") String format) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(
				ContentDisposition.attachment().filename("上岗人员摸排表." + format, StandardCharsets.UTF_8).build());
		MediaType type = format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8)
				: MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		return imports.template(format)
			.map(bytes -> ResponseEntity.ok().headers(headers).contentType(type).body(bytes));
	}

	/**
	 * An empty file for the upload, readable by this user only, as createTempFile makes
	 * it, but named by a UUID: createTempFile's random number often has 18 digits, which
	 * reads as an ID number to anyone (or any check) scanning a log that names the file.
	 */
	private static Path uploadFile() throws IOException {
		return Files.createFile(
				Path.of(System.getProperty("java.io.tmpdir"), "fugong-import-" + UUID.randomUUID() + ".upload"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
	}

}
