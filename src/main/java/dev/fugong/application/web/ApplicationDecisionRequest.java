package dev.fugong.application.web;

import jakarta.validation.constraints.Size;

/** An official's decision: the reason (required to refuse). */
record ApplicationDecisionRequest(@Size(max = 1000) String reason) {

	ApplicationDecisionRequest {
		reason = reason == null || reason.isBlank() ? null : reason.strip();
	}

}
