package dev.fugong.application.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.constraints.Size;

/** An official's decision: the reason (required to refuse). */
record ApplicationDecisionRequest(@Size(max = 1000) @PlainText(multiline = true) String reason) {

	ApplicationDecisionRequest {
		reason = reason == null || reason.isBlank() ? null : reason.strip();
	}

}
