package dev.fugong.filing.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.filing.model.FilingMode;

record ModeRequest(@NotNull FilingMode mode, @NotBlank @Size(max = 1000) @PlainText(multiline = true) String reason) {
}
