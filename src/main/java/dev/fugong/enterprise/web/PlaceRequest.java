package dev.fugong.enterprise.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.PlaceKind;
import dev.fugong.shared.validation.PlainText;

/**
 * A new place. {@code requiresDynamicCode}: only the gate screen's changing code admits
 * here, not a printed one (a photo of a poster works anywhere).
 */
record PlaceRequest(@NotBlank @Size(max = 100) @PlainText String name, @NotNull PlaceKind kind,
		Boolean requiresDynamicCode) {

	PlaceRequest {
		name = Text.strip(name);
	}

}
