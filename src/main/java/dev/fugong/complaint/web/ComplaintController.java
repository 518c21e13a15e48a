package dev.fugong.complaint.web;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import reactor.core.publisher.Mono;

import dev.fugong.complaint.domain.Complaint;
import dev.fugong.complaint.domain.ComplaintService;
import dev.fugong.complaint.domain.ComplaintService.ReceiptStatus;
import dev.fugong.complaint.model.ComplaintStatus;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.validation.Phone;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 监督举报: anyone reports (no token needed) and follows its report by receipt; officials
 * triage on the console.
 */
@RestController
@RequestMapping(path = "/api/v1/complaints", produces = MediaType.APPLICATION_JSON_VALUE)
class ComplaintController {

	/**
	 * The header the mini-program sends with a random id it made at its first launch and
	 * keeps in its storage: a per-device limit that survives changing networks.
	 */
	static final String DEVICE_HEADER = "X-Device-Id";

	private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

	private final ComplaintService complaints;

	ComplaintController(ComplaintService complaints) {
		this.complaints = complaints;
	}

	/**
	 * Reports a complaint (监督举报) about an enterprise; no sign-in needed, anonymous
	 * allowed. Answers a receipt to follow it.
	 */
	@ProblemCodes({ "rate_limited" })
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ReceiptResponse>> report(@AuthenticationPrincipal CurrentUser user,
			@RequestHeader(name = DEVICE_HEADER, required = false) String deviceId,
			@Valid @RequestBody ComplaintRequest request, ServerHttpRequest http) {
		if (deviceId != null && !DEVICE_ID.matcher(deviceId).matches()) {
			return Mono.error(new ApiException.InvalidField(DEVICE_HEADER, "must be 8 to 64 letters, digits, - or _"));
		}
		return complaints
			.submit(user, clientAddress(http), deviceId, request.enterpriseId(), request.category(), request.text(),
					request.contact() == null ? null : Phone.normalize(request.contact()))
			.map(receipt -> ResponseEntity.status(HttpStatus.CREATED).body(new ReceiptResponse(receipt)));
	}

	/** The reporter follows its complaint. */
	@GetMapping("/receipts/{receipt}")
	Mono<ReceiptStatus> byReceipt(@PathVariable String receipt, ServerHttpRequest http) {
		return complaints.byReceipt(receipt, clientAddress(http));
	}

	/** Complaints (监督举报) about enterprises in the caller's zones, one page at a time. */
	@GetMapping
	Mono<PageResponse<Complaint>> list(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(required = false) UUID enterpriseId, @RequestParam(required = false) UUID zoneId,
			@RequestParam(required = false) ComplaintStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return complaints.list(user, enterpriseId, zoneId, status, page, size)
			.map(result -> new PageResponse<>(result.items(), page, size, result.total()));
	}

	/** One complaint with its text (audited). */
	@GetMapping("/{id}")
	Mono<Complaint> get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return complaints.get(user, id);
	}

	/**
	 * Triage: VERIFIED, DISMISSED (with a reason), INSPECTING, RESOLVED (with a reason).
	 */
	@ProblemCodes({ "invalid_transition" })
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	Mono<Complaint> triage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody TriageRequest request) {
		return complaints.triage(user, id, request.status(), request.reason());
	}

	record ReceiptResponse(String receipt) {
	}

	private static String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}

}
