package dev.fugong.region.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.region.domain.RegionRiskService;
import dev.fugong.region.domain.RegionRiskService.RegionRisk;
import dev.fugong.region.model.RiskLevel;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.validation.PlainText;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GB/T 2260 regions and the risk level set for each. */
@RestController
class RegionController {

	private final RegionCatalog catalog;

	private final RegionRiskService risks;

	RegionController(RegionCatalog catalog, RegionRiskService risks) {
		this.catalog = catalog;
		this.risks = risks;
	}

	/**
	 * Regions under {@code parent} (provinces without it), or those whose name contains
	 * {@code q}: for pickers in the console and the mini-program.
	 */
	@GetMapping("/api/v1/regions")
	List<RegionResponse> regions(@RequestParam(required = false) @Pattern(regexp = "[1-9][0-9]{5}") String parent,
			@RequestParam(required = false) @Size(min = 1, max = 20) @PlainText String q) {
		var found = (q != null) ? catalog.search(q, 100) : catalog.children(parent);
		return found.stream()
			.map(region -> new RegionResponse(region.code(), region.name(), catalog.fullName(region.code()),
					region.parent()))
			.toList();
	}

	/**
	 * The epidemic risk level (风险等级) of a region, by its six-digit division code. Scans
	 * and returnee status read it.
	 */
	@GetMapping("/api/v1/regions/{code}/risk")
	Mono<RegionRisk> risk(@PathVariable @Pattern(regexp = "[1-9][0-9]{5}") String code) {
		return risks.risk(code);
	}

	/** Sets a region's risk level (风险等级). Returnees from it are re-evaluated at once. */
	@PutMapping("/api/v1/regions/{code}/risk")
	Mono<RegionRisk> setRisk(@AuthenticationPrincipal CurrentUser user,
			@PathVariable @Pattern(regexp = "[1-9][0-9]{5}") String code, @Valid @RequestBody RiskRequest request) {
		return risks.set(user, code, request.level(), request.from(), request.to());
	}

	/**
	 * @param from when the level starts to hold
	 * @param to when it stops; open when absent
	 */
	record RiskRequest(@NotNull RiskLevel level, @NotNull Instant from, Instant to) {
	}

	record RegionResponse(String code, String name, String fullName, String parent) {
	}

}
