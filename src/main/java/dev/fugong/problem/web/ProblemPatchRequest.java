package dev.fugong.problem.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.problem.model.ProblemStatus;
import dev.fugong.shared.validation.PlainText;

/**
 * An official moves a problem on: IN_PROGRESS (with an optional note on who handles it),
 * RESOLVED (with the answer given to the enterprise).
 */
record ProblemPatchRequest(@NotNull ProblemStatus status, @Size(max = 2000) @PlainText(multiline = true) String answer,
		@Size(max = 2000) @PlainText(multiline = true) String note) {

	ProblemPatchRequest {
		answer = answer == null || answer.isBlank() ? null : answer.strip();
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
