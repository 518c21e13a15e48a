package dev.fugong.enterprise.web;

import java.util.UUID;

import dev.fugong.enterprise.domain.Place;
import dev.fugong.enterprise.domain.PlaceKind;

record PlaceResponse(UUID id, UUID enterpriseId, String name, PlaceKind kind, int codeVersion,
		boolean requiresDynamicCode) {

	static PlaceResponse of(Place p) {
		return new PlaceResponse(p.id(), p.enterpriseId(), p.name(), p.kind(), p.codeVersion(),
				p.requiresDynamicCode());
	}

}
