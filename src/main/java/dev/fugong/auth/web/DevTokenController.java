package dev.fugong.auth.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.TokenService;
import dev.fugong.shared.validation.PlainText;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local profile only: an access token for a seeded demo user, so the console API can be
 * tried before WeChat login exists. Never registered in prod (the bean does not exist
 * there, and security denies the path).
 */
@RestController
@Profile("local")
class DevTokenController {

	private final UserDirectory users;

	private final TokenService tokens;

	private final Clock clock;

	DevTokenController(UserDirectory users, TokenService tokens, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.clock = clock;
	}

	@PostMapping("/__dev/tokens")
	Mono<DevTokenResponse> issue(@Valid @RequestBody DevTokenRequest request) {
		return users.findByOpenid(request.openid())
			.filter(user -> !user.roles().isEmpty())
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Demo user")))
			.map(user -> {
				TokenService.IssuedToken token = tokens.issue(user.userId(), user.grants(), user.grantsVersion(),
						request.audience(), null);
				return new DevTokenResponse(token.value(), "Bearer",
						Duration.between(clock.instant(), token.expiresAt()).toSeconds());
			});
	}

	record DevTokenRequest(@NotBlank @Size(max = 128) @PlainText String openid, @NotNull Audience audience) {
	}

	record DevTokenResponse(String accessToken, String tokenType, long expiresIn) {
	}

}
