package dev.fugong.shop.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.shared.problem.ProblemCodes;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shop.domain.NegativeListService;
import dev.fugong.shop.domain.NegativeListService.Listed;
import dev.fugong.shop.model.NegativeList;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The district's negative list for shops (负面清单), its history, and the listed shops open.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class NegativeListController {

	private final NegativeListService negativeList;

	NegativeListController(NegativeListService negativeList) {
		this.negativeList = negativeList;
	}

	/** The negative list in force (负面清单): the kinds of shop that may not reopen. */
	@GetMapping("/api/v1/negative-list")
	Mono<NegativeListResponse> current(@AuthenticationPrincipal CurrentUser user) {
		return Mono.zip(negativeList.current(), negativeList.mayEdit(user))
			.map(both -> NegativeListResponse.of(both.getT1(), both.getT2()));
	}

	/**
	 * Replaces the negative list (负面清单) as a whole: the district admin or the district's
	 * officials; the previous version stays in the history.
	 */
	@PutMapping(path = "/api/v1/negative-list", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<NegativeListResponse> replace(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody NegativeListRequest request) {
		return negativeList.replace(user, request.toItems()).map(version -> NegativeListResponse.of(version, true));
	}

	/**
	 * The versions of the negative list (负面清单), newest first: who changed it and when.
	 */
	@GetMapping("/api/v1/negative-list/history")
	Mono<Versions> history(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return negativeList.history(limit)
			.map(version -> NegativeListResponse.of(version, false))
			.collectList()
			.map(Versions::new);
	}

	/**
	 * Enterprises open (OPERATING) today although the negative list (负面清单) lists their
	 * kind, in the caller's zones: to inspect.
	 */
	@GetMapping("/api/v1/negative-list/open-enterprises")
	Mono<OpenListed> openEnterprises(@AuthenticationPrincipal CurrentUser user) {
		return negativeList.openListed(user).map(OpenEnterprise::of).collectList().map(OpenListed::new);
	}

	/**
	 * The shop kinds (店铺类型) suggested when applying or registering, for anyone signed in;
	 * free text is accepted too.
	 */
	@GetMapping("/api/v1/shop-kinds")
	Mono<ShopKinds> shopKinds() {
		return Mono.just(new ShopKinds(NegativeList.SUGGESTED_KINDS));
	}

	record Versions(List<NegativeListResponse> items) {
	}

	record OpenListed(List<OpenEnterprise> items) {
	}

	record ShopKinds(List<String> items) {
	}

	record OpenEnterprise(UUID enterpriseId, String name, UUID zoneId, Industry industry, String shopKind, Plate plate,
			EnterpriseStatus status, String reason, LocalDate listedFrom, LocalDate listedTo) {

		static OpenEnterprise of(Listed listed) {
			var e = listed.enterprise();
			return new OpenEnterprise(e.id(), e.name(), e.zoneId(), e.industry(), e.shopKind(), e.plate(), e.status(),
					listed.item().reason(), listed.item().from(), listed.item().to());
		}

	}

}
