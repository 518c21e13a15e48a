package dev.fugong.plate.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.constraints.Size;

/** A confirmation's optional note, or a rejection's reason. */
record DecisionRequest(@Size(max = 1000) @PlainText(multiline = true) String note) {

	DecisionRequest {
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
