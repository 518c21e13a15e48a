package dev.fugong.shared.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

final class Authorities {

	private Authorities() {
	}

	static Set<String> of(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

	static boolean hasAnyRole(Authentication authentication, Role... roles) {
		Set<String> granted = of(authentication);
		for (Role role : roles) {
			if (granted.contains(role.authority())) {
				return true;
			}
		}
		return false;
	}

}
