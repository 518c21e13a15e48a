package dev.fugong.filing.web;

import jakarta.validation.constraints.Size;

/** An official's note on a step; required to return a filing. */
record NoteRequest(@Size(max = 2000) String note) {

	NoteRequest {
		note = note == null || note.isBlank() ? null : note.strip();
	}

}
