package dev.fugong.trajectory.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.trajectory.TrajectoryProperties;
import dev.fugong.trajectory.domain.ContactScreeningService;
import dev.fugong.trajectory.domain.ContactWarningService;
import dev.fugong.trajectory.domain.ContactScreeningService.Contact;
import dev.fugong.trajectory.domain.ContactScreeningService.Progress;
import dev.fugong.trajectory.domain.ContactScreeningService.Screening;
import dev.fugong.trajectory.domain.ContactScreeningService.SharedVisit;
import dev.fugong.shared.web.FileAnswer;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 接触史筛查 (seed 000: 一键筛查). */
@RestController
@RequestMapping("/api/v1/contact-screenings")
class ContactScreeningController {

	private static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private final ContactScreeningService screenings;

	private final TrajectoryProperties properties;

	private final ContactWarningService warnings;

	ContactScreeningController(ContactScreeningService screenings, TrajectoryProperties properties,
			ContactWarningService warnings) {
		this.screenings = screenings;
		this.properties = properties;
		this.warnings = warnings;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@ProblemCodes({ "forbidden", "out_of_scope", "rate_limited" })
	@Operation(summary = "Screen the contacts of a person or of an enterprise's returnees",
			description = "Everyone who scanned in at the same places within windowMinutes (default 30) of the "
					+ "subject over the last days (default 14), in the official's zone subtrees. With a phone: "
					+ "answered at once (200) with the contacts. With an enterpriseId: every returnee of the "
					+ "enterprise, as a job (202 with screeningId) followed by its events. Audited per subject.")
	@ApiResponse(responseCode = "200", description = "The screening of one person, done")
	@ApiResponse(responseCode = "202", description = "The enterprise's screening started")
	Mono<ResponseEntity<Object>> start(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ContactScreeningRequest request) {
		int days = request.days() == null ? 14 : request.days();
		Duration window = request.windowMinutes() == null ? properties.defaultContactWindow()
				: Duration.ofMinutes(request.windowMinutes());
		String purpose = (request.note() == null || request.note().isBlank()) ? request.purpose().name()
				: request.purpose().name() + ": " + request.note().strip();
		if (request.phone() != null) {
			return screenings.screenPerson(user, request.phone(), days, window, purpose)
				.map(screening -> ResponseEntity.ok(screening));
		}
		return screenings.screenEnterprise(user, request.enterpriseId(), days, window, purpose)
			.map(id -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(id)));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "A contact screening",
			description = "Its state, progress and contacts, masked; only for "
					+ "the official who started it. Audited.")
	@ApiResponse(responseCode = "200", description = "The screening")
	Mono<Screening> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return screenings.get(user, id);
	}

	@PostMapping(path = "/{id}/warnings", produces = MediaType.APPLICATION_JSON_VALUE)
	@ProblemCodes({ "case_not_confirmed", "screening_not_of_a_case", "screening_not_done", "screening_outdated" })
	@Operation(summary = "Warn the contacts of a confirmed case",
			description = "Once the screened person is confirmed (ABNORMAL with a POSITIVE test on file), sends each "
					+ "contact the screening found a WeChat subscribe message (where it granted one) telling it to "
					+ "report its health and stay home, naming nothing of the case. Nobody is warned twice for the "
					+ "same case: warned counts the contacts warned now, alreadyWarned those warned before. Only for "
					+ "the official who started the screening. Each warning and its delivery are recorded and "
					+ "audited.")
	@ApiResponse(responseCode = "200", description = "How many were warned now and before")
	Mono<ContactWarningService.Outcome> warnContacts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return warnings.warn(user, id);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "A contact screening's progress as it runs",
			description = "Server-sent `progress` events {state, progress:{done, total}} until the state is DONE or "
					+ "FAILED; only for the official who started it.")
	@ApiResponse(responseCode = "200", description = "The event stream")
	Flux<ServerSentEvent<Progress.Event>> events(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return screenings.events(user, id).map(event -> ServerSentEvent.builder(event).event("progress").build());
	}

	@FileAnswer({ "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" })
	@GetMapping("/{id}/export")
	@Operation(summary = "Export a contact screening",
			description = "The contacts and their shared visits as CSV or XLSX, masked; only for the official who "
					+ "started it. Audited.")
	@ApiResponse(responseCode = "200", description = "The file")
	Mono<ResponseEntity<byte[]>> export(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "csv") @Pattern(regexp = "csv|xlsx") String format) {
		boolean csv = format.equals("csv");
		return screenings.export(user, id, format.toUpperCase())
			.flatMap(screening -> Mono.fromCallable(() -> csv ? csv(screening) : xlsx(screening))
				.subscribeOn(Schedulers.boundedElastic()))
			.map(bytes -> {
				HttpHeaders headers = new HttpHeaders();
				headers.setContentDisposition(
						ContentDisposition.attachment().filename("接触筛查." + format, StandardCharsets.UTF_8).build());
				return ResponseEntity.ok()
					.headers(headers)
					.contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XLSX)
					.body(bytes);
			});
	}

	private static final String[] HEADER = { "姓名", "手机号", "场所", "企业", "接触者扫码时间", "被筛查人扫码时间" };

	static byte[] csv(Screening screening) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// A BOM, so that Excel opens the UTF-8 file as such.
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
				CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
			for (Contact contact : screening.contacts()) {
				for (SharedVisit visit : contact.sharedVisits()) {
					printer.printRecord(contact.maskedName(), contact.maskedPhone(), visit.placeName(),
							visit.enterpriseName(), visit.at(), visit.subjectAt());
				}
			}
		}
		return out.toByteArray();
	}

	static byte[] xlsx(Screening screening) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet("接触者");
			Row header = sheet.createRow(0);
			for (int i = 0; i < HEADER.length; i++) {
				header.createCell(i).setCellValue(HEADER[i]);
			}
			int r = 1;
			for (Contact contact : screening.contacts()) {
				for (SharedVisit visit : contact.sharedVisits()) {
					Row row = sheet.createRow(r++);
					String[] cells = { contact.maskedName(), contact.maskedPhone(), visit.placeName(),
							visit.enterpriseName(), String.valueOf(visit.at()), String.valueOf(visit.subjectAt()) };
					for (int i = 0; i < cells.length; i++) {
						row.createCell(i).setCellValue(cells[i] == null ? "" : cells[i]);
					}
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			workbook.close();
			return out.toByteArray();
		}
	}

	record Started(UUID screeningId) {
	}

}
