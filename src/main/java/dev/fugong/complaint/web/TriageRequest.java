package dev.fugong.complaint.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.complaint.model.ComplaintStatus;

/** An official's triage: the new status and, to dismiss or resolve, a reason. */
record TriageRequest(@NotNull ComplaintStatus status, @Size(max = 1000) @PlainText(multiline = true) String reason) {

	TriageRequest {
		reason = reason == null || reason.isBlank() ? null : reason.strip();
	}

}
