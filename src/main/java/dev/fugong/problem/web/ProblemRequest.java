package dev.fugong.problem.web;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.shared.validation.PlainText;

/** A difficulty of an enterprise, as its guide, manager or an official reports it. */
record ProblemRequest(@NotNull UUID enterpriseId, @NotNull ProblemCategory category,
		@NotBlank @Size(max = 2000) @PlainText(multiline = true) String description) {
}
