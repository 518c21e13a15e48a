package dev.fugong.plate.web;

import dev.fugong.shared.validation.PlainText;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.Plate;

/** An official's plate change, with its reason. */
record PlateRequest(@NotNull Plate color, @NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason,
		LocalDate rectifyBy) {

	PlateRequest {
		reason = reason == null ? null : reason.strip();
	}

}
