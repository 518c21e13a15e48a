package dev.fugong.auth.qrlogin;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.AuthService;
import dev.fugong.config.FugongProperties;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.qr.QrCodeRenderer;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Console sign-in by QR code: the console's side (create, poll, events) and the
 * scanner's.
 */
@RestController
@RequestMapping("/api/v1/auth/qr-login")
class QrLoginController {

	private static final String SECRET_HEADER = "X-Ticket-Secret";

	private final QrLoginService qrLogin;

	private final String qrBaseUrl;

	private final QrCodeRenderer renderer;

	QrLoginController(QrLoginService qrLogin, FugongProperties properties, QrCodeRenderer renderer) {
		this.qrLogin = qrLogin;
		this.qrBaseUrl = properties.security().issuer();
		this.renderer = renderer;
	}

	/** The QR code the console shows; it encodes only the ticket, never the secret. */
	@GetMapping(path = "/{ticket}/qrcode.png", produces = MediaType.IMAGE_PNG_VALUE)
	Mono<ResponseEntity<byte[]>> qrCode(@PathVariable String ticket, @RequestParam(defaultValue = "320") int size) {
		return qrLogin.exists(ticket)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Ticket")))
			.flatMap(found -> renderer.png(qrContent(ticket), size))
			.map(png -> ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.noStore())
				.body(png));
	}

	private String qrContent(String ticket) {
		return qrBaseUrl + "/l/" + ticket;
	}

	/**
	 * Starts a console sign-in by QR code (扫码登录): answers a ticket, its secret and the QR
	 * code to show.
	 */
	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<TicketResponse>> create(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		String ip = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
		return qrLogin.create(ip, request.getHeaders().getFirst(HttpHeaders.USER_AGENT))
			.map(ticket -> ResponseEntity.status(HttpStatus.CREATED)
				.body(new TicketResponse(ticket.ticket(), ticket.secret(), qrContent(ticket.ticket()),
						ticket.expiresAt())));
	}

	/**
	 * The console asks once for its sign-in ticket's state; the ticket's secret is the
	 * credential.
	 */
	@GetMapping(path = "/{ticket}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<PollResponse> poll(@PathVariable String ticket,
			@RequestHeader(name = SECRET_HEADER, required = false) String secret) {
		return qrLogin.poll(ticket, secret).map(PollResponse::of);
	}

	/**
	 * The console follows its sign-in ticket as server-sent events until it is confirmed,
	 * cancelled or expired; the ticket's secret is the credential.
	 */
	@GetMapping(path = "/{ticket}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<PollResponse>> events(@PathVariable String ticket,
			@RequestHeader(name = SECRET_HEADER, required = false) String secret) {
		// A comment first (so the response starts at once), then one every 15 s to keep
		// proxies
		// from closing an idle stream; EventSource clients ignore comments.
		Flux<ServerSentEvent<PollResponse>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map(tick -> ServerSentEvent.<PollResponse>builder().comment("waiting").build());
		Flux<ServerSentEvent<PollResponse>> states = qrLogin.events(ticket, secret)
			.map(poll -> poll.state().equals("PENDING")
					? ServerSentEvent.<PollResponse>builder().comment("waiting").build()
					: ServerSentEvent.builder(PollResponse.of(poll))
						.event(poll.state().equals("CONSUMED") ? "confirmed" : poll.state().toLowerCase())
						.build());
		// The stream ends when the states end (a final state), heartbeats or not.
		return Flux
			.merge(states.map(Optional::of).concatWith(Mono.just(Optional.empty())), heartbeats.map(Optional::of))
			.takeWhile(Optional::isPresent)
			.map(Optional::get)
			.timeout(Duration.ofMinutes(5));
	}

	/**
	 * The mini-program scanned the console's sign-in QR code (扫码登录): the console shows
	 * who is signing in.
	 */
	@ProblemCodes({ "ticket_expired", "ticket_taken" })
	@PostMapping(path = "/{ticket}/scan", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<QrLoginService.ConsoleInfo> scan(@AuthenticationPrincipal CurrentUser user, @PathVariable String ticket) {
		return qrLogin.scan(user, ticket);
	}

	/** The mini-program confirms the console sign-in; the console receives its token. */
	@ProblemCodes({ "ticket_expired", "ticket_taken" })
	@PostMapping("/{ticket}/confirm")
	Mono<ResponseEntity<Void>> confirm(@AuthenticationPrincipal CurrentUser user, @PathVariable String ticket) {
		return qrLogin.confirm(user, ticket).thenReturn(ResponseEntity.noContent().build());
	}

	/** The mini-program cancels the console sign-in. */
	@ProblemCodes({ "ticket_expired", "ticket_taken" })
	@PostMapping("/{ticket}/cancel")
	Mono<ResponseEntity<Void>> cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable String ticket) {
		return qrLogin.cancel(user, ticket).thenReturn(ResponseEntity.noContent().build());
	}

	record TicketResponse(String ticket, String secret, String qrContent, Instant expiresAt) {
	}

	record PollResponse(String state, String accessToken, String refreshToken, String tokenType, Long expiresIn,
			UserSummary user) {

		static PollResponse of(QrLoginService.Poll poll) {
			AuthService.SignedIn tokens = poll.tokens();
			if (tokens == null) {
				return new PollResponse(poll.state(), null, null, null, null, null);
			}
			return new PollResponse("CONFIRMED", tokens.accessToken(), tokens.refreshToken(), "Bearer",
					tokens.expiresIn(),
					new UserSummary(tokens.user().userId(), tokens.user().roles().stream().sorted().toList()));
		}

	}

	record UserSummary(UUID id, List<Role> roles) {
	}

}
