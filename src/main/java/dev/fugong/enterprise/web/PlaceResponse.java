package dev.fugong.enterprise.web;

import java.util.UUID;

import dev.fugong.enterprise.domain.Place;
import dev.fugong.enterprise.domain.PlaceKind;

/**
 * @param enterpriseId the owning enterprise; null for a community's checkpoint
 * @param communityId the owning community (小区); null for an enterprise's place
 */
record PlaceResponse(UUID id, UUID enterpriseId, UUID communityId, String name, PlaceKind kind, int codeVersion,
		boolean requiresDynamicCode) {

	static PlaceResponse of(Place p) {
		return new PlaceResponse(p.id(), p.enterpriseId(), p.communityId(), p.name(), p.kind(), p.codeVersion(),
				p.requiresDynamicCode());
	}

}
