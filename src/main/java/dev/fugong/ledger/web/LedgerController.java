package dev.fugong.ledger.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;

import dev.fugong.ledger.domain.LedgerDocuments;
import dev.fugong.ledger.domain.LedgerService;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The daily ledger (每日台账) of an enterprise, as a workbook or a printable PDF. */
@RestController
class LedgerController {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final LedgerService ledgers;

	private final LedgerDocuments documents;

	LedgerController(LedgerService ledgers, LedgerDocuments documents) {
		this.ledgers = ledgers;
		this.documents = documents;
	}

	/**
	 * The day's prevention ledger (每日台账): staff on site, scan-ins and denials, fevers and
	 * their handling, health reports and who missed them, returnees in observation,
	 * disinfection rounds; names and phones masked; audited. {@code format} xlsx or pdf;
	 * {@code date} defaults to today.
	 */
	@GetMapping(path = "/api/v1/enterprises/{id}/ledger", produces = { XLSX, MediaType.APPLICATION_PDF_VALUE })
	Mono<ResponseEntity<byte[]>> ledger(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(defaultValue = "xlsx") @Pattern(regexp = "xlsx|pdf") String format) {
		boolean pdf = format.equals("pdf");
		return ledgers.ledger(user, id, date, format)
			.flatMap(ledger -> (pdf ? documents.pdf(ledger) : documents.xlsx(ledger)).map(bytes -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(pdf ? MediaType.APPLICATION_PDF_VALUE : XLSX))
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
					.filename(ledger.enterpriseName() + "-每日台账-" + ledger.date() + "." + format, StandardCharsets.UTF_8)
					.build()
					.toString())
				.cacheControl(CacheControl.noStore())
				.body(bytes)));
	}

}
