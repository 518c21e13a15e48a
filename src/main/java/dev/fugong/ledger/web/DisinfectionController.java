package dev.fugong.ledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import dev.fugong.ledger.domain.DisinfectionKind;
import dev.fugong.ledger.domain.DisinfectionService;
import dev.fugong.ledger.domain.DisinfectionService.Round;
import dev.fugong.ledger.domain.LedgerService;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Disinfection, ventilation and vehicle rounds of an enterprise (每日台账 消杀通风). */
@RestController
class DisinfectionController {

	private final DisinfectionService rounds;

	private final LedgerService ledgers;

	DisinfectionController(DisinfectionService rounds, LedgerService ledgers) {
		this.rounds = rounds;
		this.ledgers = ledgers;
	}

	/** The enterprise's manager records a disinfection or ventilation round (消杀通风记录). */
	@PostMapping(path = "/api/v1/enterprises/{id}/disinfections", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<RoundResponse>> record(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody DisinfectionRequest request, UriComponentsBuilder uri) {
		return rounds.record(user, id, request.kind(), request.area(), request.at(), request.by())
			.map(round -> ResponseEntity.created(uri.path("/api/v1/enterprises/{id}/disinfections").build(id))
				.body(RoundResponse.of(round)));
	}

	/** A day's disinfection and ventilation rounds (消杀通风记录), today by default. */
	@GetMapping(path = "/api/v1/enterprises/{id}/disinfections", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<Rounds> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		LocalDate day = date == null ? ledgers.today() : date;
		return rounds.ofDay(user, id, day).map(RoundResponse::of).collectList().map(items -> new Rounds(day, items));
	}

	record Rounds(LocalDate date, List<RoundResponse> items) {
	}

	/** A round; {@code by} masked (张*). */
	record RoundResponse(UUID id, DisinfectionKind kind, String kindLabel, String area, Instant at, String by) {

		static RoundResponse of(Round round) {
			return new RoundResponse(round.id(), round.kind(), round.kind().label(), round.area(), round.at(),
					round.maskedBy());
		}

	}

}
