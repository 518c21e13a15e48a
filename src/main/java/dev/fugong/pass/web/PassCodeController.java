package dev.fugong.pass.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.PosterRenderer;
import dev.fugong.pass.domain.PassCodes;
import dev.fugong.pass.domain.PassCodes.IssuedCard;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.qr.QrCodeRenderer;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidPhone;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Personal pass codes (the phone's) and printed pass cards (for people without one). */
@RestController
class PassCodeController {

	private final PassCodes passes;

	private final PosterRenderer posters;

	private final EnterpriseService enterprises;

	private final QrCodeRenderer renderer;

	PassCodeController(PassCodes passes, PosterRenderer posters, EnterpriseService enterprises,
			QrCodeRenderer renderer) {
		this.passes = passes;
		this.posters = posters;
		this.enterprises = enterprises;
		this.renderer = renderer;
	}

	/** A pass code valid about a minute; the mini-program shows it as a QR code. */
	@ProblemCodes({ "phone_not_bound" })
	@GetMapping("/api/v1/me/pass-code")
	Mono<ResponseEntity<PassCodeResponse>> passCode(@AuthenticationPrincipal CurrentUser user) {
		return passes.issue(user)
			.map(code -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(new PassCodeResponse(code.content(), code.expiresAt())));
	}

	/**
	 * The same, drawn as a QR code, for a client that cannot draw one (the mobile page
	 * that plays the mini-program): {@code ?format=png}. {@code Expires} says until when
	 * it is valid.
	 */
	@GetMapping(path = "/api/v1/me/pass-code", params = "format=png", produces = MediaType.IMAGE_PNG_VALUE)
	Mono<ResponseEntity<byte[]>> passCodeImage(@AuthenticationPrincipal CurrentUser user) {
		return passes.issue(user)
			.flatMap(code -> renderer.png(code.content(), 320)
				.map(png -> ResponseEntity.ok()
					.cacheControl(CacheControl.noStore())
					.contentType(MediaType.IMAGE_PNG)
					.header(HttpHeaders.EXPIRES,
							DateTimeFormatter.RFC_1123_DATE_TIME.format(code.expiresAt().atOffset(ZoneOffset.UTC)))
					.body(png)));
	}

	/**
	 * Issues a printed pass card (通行卡) for a person without a phone, for the enterprise's
	 * gates.
	 */
	@PostMapping(path = "/api/v1/enterprises/{id}/pass-cards", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<PassCardResponse>> issueCard(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody PassCardRequest request) {
		return passes.issueCard(user, id, request.phone(), request.name().strip())
			.map(card -> ResponseEntity.status(HttpStatus.CREATED).body(PassCardResponse.of(card)));
	}

	/**
	 * The printable card, with the holder's masked name and phone; the read is audited.
	 */
	@GetMapping(path = "/api/v1/pass-cards/{id}/card.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<byte[]>> card(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return passes.card(user, id)
			.flatMap(card -> enterprises.get(user, card.card().enterpriseId())
				.flatMap(enterprise -> posters.card(new PosterRenderer.CardFace(card.content(), card.maskedName(),
						card.maskedPhone(), enterprise.name(), card.card().id()))))
			.map(pdf -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.inline()
							.filename("pass-card.pdf", StandardCharsets.UTF_8)
							.build()
							.toString())
				.cacheControl(CacheControl.noStore())
				.body(pdf));
	}

	/** Every gate refuses the card from now on. */
	@DeleteMapping("/api/v1/pass-cards/{id}")
	Mono<ResponseEntity<Void>> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return passes.revokeCard(user, id).thenReturn(ResponseEntity.noContent().build());
	}

	/**
	 * @param code the URL to show as a QR code
	 */
	record PassCodeResponse(String code, Instant expiresAt) {
	}

	record PassCardRequest(@NotBlank @ValidPhone @PlainText String phone,
			@NotBlank @Size(max = 50) @PlainText String name) {
	}

	record PassCardResponse(UUID id, String holderName, String holderPhone, Instant createdAt) {

		static PassCardResponse of(IssuedCard card) {
			return new PassCardResponse(card.card().id(), card.maskedName(), card.maskedPhone(),
					card.card().createdAt());
		}

	}

}
