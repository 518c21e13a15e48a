package dev.fugong.enterprise.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.PlaceKind;

record PlaceRequest(@NotBlank @Size(max = 100) String name, @NotNull PlaceKind kind) {

	PlaceRequest {
		name = Text.strip(name);
	}

}
