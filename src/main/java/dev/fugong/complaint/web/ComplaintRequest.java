package dev.fugong.complaint.web;

import dev.fugong.shared.validation.PlainText;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.complaint.model.ComplaintCategory;
import dev.fugong.shared.validation.ValidPhone;

/**
 * A report. The contact is optional: a mobile number to call back on (stored encrypted).
 */
record ComplaintRequest(@NotNull UUID enterpriseId, @NotNull ComplaintCategory category,
		@NotBlank @Size(max = 2000) @PlainText(multiline = true) String text, @ValidPhone String contact) {

	ComplaintRequest {
		text = text == null ? null : text.strip();
		contact = contact == null || contact.isBlank() ? null : contact;
	}

}
