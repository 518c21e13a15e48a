package dev.fugong.plate.web;

import jakarta.validation.constraints.Size;

/** A confirmation's optional note, or a rejection's reason. */
record DecisionRequest(@Size(max = 1000) String note) {

	DecisionRequest {
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
