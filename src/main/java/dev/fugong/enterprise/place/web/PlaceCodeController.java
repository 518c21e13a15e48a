package dev.fugong.enterprise.place.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.PlaceCodes;
import dev.fugong.enterprise.place.domain.PosterRenderer;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.qr.QrCodeRenderer;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A place's codes for the console: the printable image, the poster, rotation, and the
 * gate screen's changing code.
 */
@RestController
@RequestMapping("/api/v1/places/{id}")
class PlaceCodeController {

	static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

	private final PlaceCodes codes;

	private final QrCodeRenderer renderer;

	private final PosterRenderer posters;

	PlaceCodeController(PlaceCodes codes, QrCodeRenderer renderer, PosterRenderer posters) {
		this.codes = codes;
		this.renderer = renderer;
		this.posters = posters;
	}

	/**
	 * The printed code as PNG or SVG, or its content as JSON (for a console that draws it
	 * itself). Its ETag changes when the code does (rotation), so a console may cache it
	 * and revalidate.
	 */
	@GetMapping("/qrcode")
	Mono<ResponseEntity<?>> qrCode(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "png") @Pattern(regexp = "png|svg|json") String format,
			@RequestParam(defaultValue = "512") @Min(QrCodeRenderer.MIN_SIZE) @Max(QrCodeRenderer.MAX_SIZE) int size,
			@RequestParam(defaultValue = "4") @Min(0) @Max(QrCodeRenderer.MAX_MARGIN) int margin,
			ServerHttpRequest request) {
		return codes.printed(user, id).flatMap(code -> {
			String etag = etag(code.content() + "|" + format + "|" + size + "|" + margin);
			if (ifNoneMatch(request).contains(etag)) {
				return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build());
			}
			if (format.equals("json")) {
				return Mono.just(ResponseEntity.ok()
					.eTag(etag)
					.cacheControl(CacheControl.noCache().cachePrivate())
					.body(new PrintedCodeResponse(code.content(), code.place().place().codeVersion())));
			}
			return image(code.content(), format, size, margin).map(bytes -> ResponseEntity.ok()
				.contentType(format.equals("svg") ? SVG : MediaType.IMAGE_PNG)
				.eTag(etag)
				.cacheControl(CacheControl.noCache().cachePrivate())
				.body(bytes));
		});
	}

	/** An A4 poster: enterprise, place, the code and 请使用微信扫码登记. */
	@GetMapping(path = "/poster.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<byte[]>> poster(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return codes.printed(user, id)
			.flatMap(code -> posters.poster(code)
				.map(pdf -> ResponseEntity.ok()
					.contentType(MediaType.APPLICATION_PDF)
					.header(HttpHeaders.CONTENT_DISPOSITION,
							ContentDisposition.inline()
								.filename(code.place().place().name() + ".pdf", StandardCharsets.UTF_8)
								.build()
								.toString())
					.cacheControl(CacheControl.noStore())
					.body(pdf)));
	}

	/** A new code version; every code printed before is refused from now on. */
	@PostMapping("/qrcode/rotate")
	Mono<RotateResponse> rotate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return codes.rotate(user, id).map(place -> new RotateResponse(place.codeVersion()));
	}

	/**
	 * The gate screen's code now: JSON (content and when to fetch the next), or the image
	 * itself.
	 */
	@GetMapping("/qrcode/dynamic")
	Mono<ResponseEntity<?>> dynamic(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "json") @Pattern(regexp = "json|png|svg") String format,
			@RequestParam(defaultValue = "512") @Min(QrCodeRenderer.MIN_SIZE) @Max(QrCodeRenderer.MAX_SIZE) int size) {
		return codes.dynamic(user, id).flatMap(code -> {
			if (format.equals("json")) {
				return Mono.just(ResponseEntity.ok()
					.cacheControl(CacheControl.noStore())
					.body(new DynamicCodeResponse(code.content(), code.place().place().codeVersion(), code.refreshAt(),
							code.validUntil())));
			}
			return image(code.content(), format, size, QrCodeRenderer.DEFAULT_MARGIN).map(bytes -> ResponseEntity.ok()
				.contentType(format.equals("svg") ? SVG : MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.noStore())
				.body(bytes));
		});
	}

	/**
	 * The entity tags of If-None-Match. Spring's parser throws on a malformed header,
	 * which was a 500; it is the client's 400.
	 */
	private static List<String> ifNoneMatch(ServerHttpRequest request) {
		try {
			return request.getHeaders().getIfNoneMatch();
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException.InvalidField(HttpHeaders.IF_NONE_MATCH, "must be a list of entity tags");
		}
	}

	private Mono<byte[]> image(String content, String format, int size, int margin) {
		return format.equals("svg") ? renderer.svg(content, size, margin) : renderer.png(content, size, margin);
	}

	private static String etag(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record RotateResponse(int codeVersion) {
	}

	/**
	 * @param content the URL the printed QR code encodes
	 */
	record PrintedCodeResponse(String content, int codeVersion) {
	}

	/**
	 * @param content the URL to show as a QR code
	 * @param refreshAt when the screen should show the next code
	 * @param validUntil when this code stops being accepted
	 */
	record DynamicCodeResponse(String content, int codeVersion, Instant refreshAt, Instant validUntil) {
	}

}
