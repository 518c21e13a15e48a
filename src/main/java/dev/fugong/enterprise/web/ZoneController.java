package dev.fugong.enterprise.web;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Zone;
import dev.fugong.enterprise.domain.ZoneKind;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.web.PageResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The zones a caller oversees, for the console's zone filters and scope picker. Zones are
 * few (a district has hundreds at most), so the list comes whole, in one page.
 */
@RestController
class ZoneController {

	private final EnterpriseService enterprises;

	ZoneController(EnterpriseService enterprises) {
		this.enterprises = enterprises;
	}

	/** The zones (园区/镇街) the caller can see, for filters and forms. */
	@GetMapping(path = "/api/v1/zones", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PageResponse<ZoneResponse>> zones(@AuthenticationPrincipal CurrentUser user) {
		return enterprises.zones(user)
			.map(ZoneResponse::of)
			.collectList()
			.map(zones -> new PageResponse<>(zones, 0, Math.max(zones.size(), 1), zones.size()));
	}

	record ZoneResponse(UUID id, UUID parentId, ZoneKind kind, String name) {

		static ZoneResponse of(Zone zone) {
			return new ZoneResponse(zone.id(), zone.parentId(), zone.kind(), zone.name());
		}

	}

}
