package dev.fugong.scanin.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.scanin.domain.CommunityEntries;
import dev.fugong.scanin.domain.ScanResult;
import dev.fugong.scanin.domain.ScanService;
import dev.fugong.scanin.domain.ScanSignals;
import dev.fugong.scanin.model.Direction;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidTemperature;
import dev.fugong.shared.web.PageResponse;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scan-ins: 201 when this request recorded the scan, 200 with the earlier answer when it
 * repeats one (same clientScanId, or the same place within the dedup window).
 */
@RestController
class ScanController {

	private final ScanService scans;

	private final ScanSignals signals;

	private final EnterpriseService enterprises;

	private final CommunityEntries entries;

	ScanController(ScanService scans, ScanSignals signals, EnterpriseService enterprises, CommunityEntries entries) {
		this.scans = scans;
		this.signals = signals;
		this.enterprises = enterprises;
		this.entries = entries;
	}

	/**
	 * Scan in at a place (扫码通行): the person scanned a place's code (场所码) with the
	 * mini-program.
	 * <p>
	 * Send the whole scanned text as {@code code}, the temperature if one was taken (°C),
	 * and an id of the app's own for this scan as {@code clientScanId}: a retry with the
	 * same id (after a timeout, say) answers 200 with the earlier answer and records
	 * nothing more, so retrying is always safe. A first answer is 201. After a 503, wait
	 * its {@code Retry-After} and send the same scan with the same id: it is recorded
	 * once, even if the first attempt did reach the database. The same person at the same
	 * place again within a few minutes also gets the earlier answer, unless it brings a
	 * temperature.
	 * <p>
	 * {@code decision} is {@code ADMIT} (放行) or {@code DENY} (劝返) with every
	 * {@code reasons} that applies; show {@code passColor} as the person's pass colour
	 * and, when {@code feverClinic} is true, send the person to a fever clinic (发热门诊).
	 * The person must have bound a phone first (409 {@code phone_not_bound}); a code that
	 * is not genuine is a 400, one that was replaced, expired or withdrawn a 410: tell
	 * the person to scan the code posted now.
	 * <p>
	 * At a residential community's checkpoint (卡点) residents scan both ways: send
	 * {@code direction: OUT} when leaving ({@code IN}, the default, when coming in). The
	 * same rules decide either way and the direction is recorded.
	 */
	@ProblemCodes({ "code_too_long", "code_not_ascii", "code_not_a_url", "code_wrong_host", "code_wrong_prefix",
			"code_bad_encoding", "code_malformed", "code_unknown_key", "code_bad_signature", "code_key_withdrawn",
			"code_wrong_kind", "code_not_yet_valid", "code_expired", "code_rotated", "code_place_gone",
			"phone_not_bound", "scan_in_progress" })
	@PostMapping(path = "/api/v1/scans", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ScanResult>> scan(@AuthenticationPrincipal CurrentUser user,
			@Valid @RequestBody ScanRequest request) {
		return scans.scanPlace(user, request.code(), request.temperature(), request.clientScanId(), request.direction())
			.map(ScanController::answer);
	}

	/**
	 * Gate staff scanned a person's pass code or card at this place; at a community's
	 * checkpoint, an official of its grid. {@code direction} as for a place code.
	 */
	@ProblemCodes({ "code_too_long", "code_not_ascii", "code_not_a_url", "code_wrong_host", "code_wrong_prefix",
			"code_bad_encoding", "code_malformed", "code_unknown_key", "code_bad_signature", "code_key_withdrawn",
			"code_wrong_kind", "pass_code_expired", "pass_code_revoked", "pass_card_revoked", "scan_in_progress" })
	@PostMapping(path = "/api/v1/places/{id}/scans", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ScanResult>> scanPass(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
			@Valid @RequestBody PassScanRequest request) {
		return scans
			.scanPass(user, id, request.passCode(), request.temperature(), request.clientScanId(), request.direction())
			.map(ScanController::answer);
	}

	/** The signed-in person's own scan-ins (at most 30 days back). */
	@GetMapping("/api/v1/me/scans")
	Mono<PageResponse<ScanService.OwnScan>> mine(@AuthenticationPrincipal CurrentUser user,
			@RequestParam(defaultValue = "14") @Min(1) @Max(30) int days,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return scans.mine(user, days, page, size)
			.map(mine -> new PageResponse<>(mine.items(), page, size, mine.total()));
	}

	/** Today's admitted, denied and fevers of an enterprise the caller can see. */
	@GetMapping("/api/v1/enterprises/{id}/scan-counts/today")
	Mono<Map<String, Long>> today(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.get(user, id).flatMap(enterprise -> signals.today(enterprise.id(), null));
	}

	/** Today's admitted, denied and fevers at one place the caller can see. */
	@GetMapping("/api/v1/places/{id}/scan-counts/today")
	Mono<Map<String, Long>> placeToday(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.place(user, id).flatMap(view -> signals.today(view.enterprise().id(), view.place().id()));
	}

	/**
	 * Who entered a residential community (小区) today through its checkpoints, newcomers
	 * (增量: first seen there within 14 days) first, then the latest entry first; each with
	 * its last direction (who is inside now), decision and whether a fever was found.
	 * Names and phones are masked; the read is audited. For the officials of the
	 * community's grid and the zones above it.
	 */
	@GetMapping("/api/v1/communities/{id}/entries/today")
	Mono<CommunityEntries.Entries> entriesToday(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return entries.today(user, id);
	}

	/** Today's admitted, denied and fevers at the checkpoints of a community. */
	@GetMapping("/api/v1/communities/{id}/scan-counts/today")
	Mono<Map<String, Long>> communityToday(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
		return enterprises.community(user, id).flatMap(community -> signals.today(community.id(), null));
	}

	/**
	 * Fevers and denied entries as they happen: the enterprises the caller manages, the
	 * zones it is an official of, everything for the district admin.
	 */
	@GetMapping(path = "/api/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<ScanSignals.Alert>> alerts(@AuthenticationPrincipal CurrentUser user) {
		Mono<Set<UUID>> zones = enterprises.officialSubtrees(user);
		Flux<ServerSentEvent<ScanSignals.Alert>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map(tick -> ServerSentEvent.<ScanSignals.Alert>builder().comment("waiting").build());
		return zones.flatMapMany(scope -> Flux.merge(
				Flux.just(ServerSentEvent.<ScanSignals.Alert>builder().comment("subscribed").build()),
				signals.alerts(user.enterprisesAs(Role.ENTERPRISE_MANAGER), scope, user.isDistrictAdmin())
					.map(alert -> ServerSentEvent.builder(alert)
						.event(alert.fever() ? "fever" : "denied")
						.id(alert.scanId().toString())
						.build()),
				heartbeats));
	}

	private static ResponseEntity<ScanResult> answer(ScanResult result) {
		return ResponseEntity.status(result.recorded() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
	}

	/**
	 * @param code the scanned content: the whole URL
	 * @param temperature measured, in °C, if taken
	 * @param clientScanId the app's own id for this scan, so a retry is not a second scan
	 * @param direction IN (the default) or OUT, leaving a community through its
	 * checkpoint
	 */
	record ScanRequest(@NotBlank @Size(max = 512) @PlainText String code, @ValidTemperature BigDecimal temperature,
			@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") @PlainText String clientScanId,
			Direction direction) {
	}

	record PassScanRequest(@NotBlank @Size(max = 512) @PlainText String passCode,
			@ValidTemperature BigDecimal temperature,
			@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+") @PlainText String clientScanId,
			Direction direction) {
	}

}
