package dev.fugong.filing.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.constraints.Size;

/** An official's note on a step; required to return a filing. */
record NoteRequest(@Size(max = 2000) @PlainText(multiline = true) String note) {

	NoteRequest {
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
