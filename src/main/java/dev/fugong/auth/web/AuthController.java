package dev.fugong.auth.web;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.AuthService;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.problem.ProblemCodes;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mini-program sign-in, token refresh, logout, phone binding, and the caller's own
 * profile.
 */
@RestController
class AuthController {

	private final AuthService auth;

	AuthController(AuthService auth) {
		this.auth = auth;
	}

	/**
	 * Signs in from the mini-program with the `code` of wx.login; answers an access token
	 * and a refresh token.
	 */
	@ProblemCodes({ "rate_limited", "wechat_code_invalid", "wechat_code_used", "wechat_risky_user", "too_many_grants" })
	@PostMapping(path = "/api/v1/auth/wechat/login", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<TokenResponse> login(@Valid @RequestBody CodeRequest request, ServerHttpRequest http) {
		return auth.login(request.code(), clientAddress(http)).map(TokenResponse::of);
	}

	/**
	 * Exchanges a refresh token for a new access token and refresh token (the old refresh
	 * token stops working).
	 */
	@PostMapping(path = "/api/v1/auth/token/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
		return auth.refresh(request.refreshToken()).map(TokenResponse::of);
	}

	/** Signs out: the caller's tokens of this sign-in stop working. */
	@PostMapping("/api/v1/auth/logout")
	Mono<ResponseEntity<Void>> logout(@AuthenticationPrincipal CurrentUser user) {
		return auth.logout(user).thenReturn(ResponseEntity.noContent().build());
	}

	/**
	 * Binds the person's phone number from WeChat's getPhoneNumber `code` (绑定手机号); needed
	 * before a scan-in.
	 */
	@ProblemCodes({ "wechat_code_invalid", "wechat_code_used", "wechat_risky_user" })
	@PostMapping(path = "/api/v1/auth/wechat/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<PhoneResponse> bindPhone(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CodeRequest request) {
		return auth.bindPhone(user, request.code()).map(PhoneResponse::new);
	}

	/**
	 * The signed-in user: roles, bound phone (masked) and the client the token is for.
	 */
	@GetMapping("/api/v1/me")
	Mono<MeResponse> me(@AuthenticationPrincipal CurrentUser user) {
		return auth.me(user).map(me -> MeResponse.of(user, me.phoneMasked()));
	}

	/**
	 * The peer address; behind a proxy, configure forwarded headers so this is the
	 * client.
	 */
	private static String clientAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}

	record CodeRequest(@NotBlank @Size(max = 128) @PlainText String code) {
	}

	record RefreshRequest(@NotBlank @Size(max = 128) @PlainText String refreshToken) {
	}

	record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn, UserSummary user) {

		static TokenResponse of(AuthService.SignedIn signedIn) {
			var user = signedIn.user();
			return new TokenResponse(signedIn.accessToken(), signedIn.refreshToken(), "Bearer", signedIn.expiresIn(),
					new UserSummary(user.userId(), user.roles().stream().sorted().toList(), user.personId() != null));
		}

	}

	record UserSummary(UUID id, List<Role> roles, boolean phoneBound) {
	}

	record PhoneResponse(String phoneMasked) {
	}

	/**
	 * @param enterpriseId the one enterprise all the user's enterprise roles hold for, if
	 * there is exactly one (kept for clients written before grants were per object)
	 * @param zoneId likewise, the one zone of its zone roles
	 * @param grants every role with the enterprise or zone it holds for
	 */
	record MeResponse(UUID id, List<Role> roles, String phoneMasked, UUID enterpriseId, UUID zoneId,
			List<GrantResponse> grants) {

		static MeResponse of(CurrentUser user, String phoneMasked) {
			List<GrantResponse> grants = user.grants()
				.stream()
				.sorted(Comparator.comparing(Grant::role).thenComparing(grant -> String.valueOf(grant.scopeId())))
				.map(grant -> new GrantResponse(grant.role(), grant.enterpriseId(), grant.zoneId()))
				.toList();
			return new MeResponse(user.id(), user.roles().stream().sorted().toList(), phoneMasked,
					only(grants.stream().map(GrantResponse::enterpriseId)),
					only(grants.stream().map(GrantResponse::zoneId)), grants);
		}

		private static UUID only(Stream<UUID> ids) {
			List<UUID> distinct = ids.filter(Objects::nonNull).distinct().limit(2).toList();
			return distinct.size() == 1 ? distinct.get(0) : null;
		}

	}

	record GrantResponse(Role role, UUID enterpriseId, UUID zoneId) {
	}

}
