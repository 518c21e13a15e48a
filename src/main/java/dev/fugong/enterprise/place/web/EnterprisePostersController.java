package dev.fugong.enterprise.place.web;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.PlaceCodes;
import dev.fugong.enterprise.place.domain.PosterRenderer;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Every poster of an enterprise in one zip, for printing in one go. */
@RestController
class EnterprisePostersController {

	private final EnterpriseService enterprises;

	private final PlaceCodes codes;

	private final PosterRenderer posters;

	EnterprisePostersController(EnterpriseService enterprises, PlaceCodes codes, PosterRenderer posters) {
		this.enterprises = enterprises;
		this.codes = codes;
		this.posters = posters;
	}

	/** Printable posters (场所码海报) of all places of an enterprise, as a ZIP of PDFs. */
	@ProblemCodes({ "no_places" })
	@GetMapping(path = "/api/v1/enterprises/{id}/posters.zip", produces = "application/zip")
	Mono<ResponseEntity<byte[]>> posters(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.get(user, id)
			.flatMap(enterprise -> enterprises.allPlaces(user, id)
				.map(codes::printed)
				.collectList()
				.filter(list -> !list.isEmpty())
				.switchIfEmpty(Mono.error(() -> new ApiException.Conflict("no_places",
						"The enterprise has no places yet: add its gates and entrances first.")))
				.flatMap(posters::posters)
				.map(zip -> ResponseEntity.ok()
					.contentType(MediaType.parseMediaType("application/zip"))
					.header(HttpHeaders.CONTENT_DISPOSITION,
							ContentDisposition.attachment()
								.filename(enterprise.name() + "-场所码.zip", StandardCharsets.UTF_8)
								.build()
								.toString())
					.cacheControl(CacheControl.noStore())
					.body(zip)));
	}

}
