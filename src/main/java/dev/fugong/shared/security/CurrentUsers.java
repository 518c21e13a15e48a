package dev.fugong.shared.security;

import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/** The verified caller of the current request, for services that need its scope. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static Mono<CurrentUser> current() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> context.getAuthentication() == null ? null
					: context.getAuthentication().getPrincipal() instanceof CurrentUser user ? user : null);
	}

}
