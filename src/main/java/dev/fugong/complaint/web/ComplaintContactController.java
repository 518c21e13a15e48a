package dev.fugong.complaint.web;

import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.complaint.domain.ComplaintService;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A complaint's contact, for the official who calls the reporter back. Not under
 * {@code /complaints/{id}/}: that would also match the receipts' path
 * ({@code /complaints/receipts/contact}), which the API linter rightly calls ambiguous.
 */
@RestController
class ComplaintContactController {

	private final ComplaintService complaints;

	ComplaintContactController(ComplaintService complaints) {
		this.complaints = complaints;
	}

	/** The reporter's contact in full, to call back (audited). */
	@GetMapping(path = "/api/v1/complaint-contacts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ContactResponse> contact(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return complaints.contact(user, id).map(ContactResponse::new);
	}

	record ContactResponse(String contact) {
	}

}
