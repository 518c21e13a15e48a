package dev.fugong.ledger.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.ledger.domain.DisclosureBoard;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A shop's disclosure board (防疫公示表), printable like the gate posters. */
@RestController
class DisclosureBoardController {

	private final DisclosureBoard boards;

	DisclosureBoardController(DisclosureBoard boards) {
		this.boards = boards;
	}

	/**
	 * Today's disclosure board (防疫公示表) of a shop as an A4 PDF: supplies, temperature
	 * checks, disinfection, vehicle disinfection, staff, from the platform's records.
	 */
	@GetMapping(path = "/api/v1/enterprises/{id}/disclosure-board.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<byte[]>> board(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return boards.print(user, id)
			.map(printed -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
					.filename(printed.enterpriseName() + "-防疫公示表-" + printed.date() + ".pdf", StandardCharsets.UTF_8)
					.build()
					.toString())
				.cacheControl(CacheControl.noStore())
				.body(printed.pdf()));
	}

}
