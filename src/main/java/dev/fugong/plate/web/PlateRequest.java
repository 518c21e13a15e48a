package dev.fugong.plate.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.Plate;

/**
 * An official's plate change. Free text will also carry the shared {@code @PlainText}
 * constraint (no control characters) once it is merged from its branch.
 */
record PlateRequest(@NotNull Plate color, @NotBlank @Size(max = 1000) String reason, LocalDate rectifyBy) {

	PlateRequest {
		reason = reason == null ? null : reason.strip();
	}

}
