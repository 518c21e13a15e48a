package dev.fugong.shared.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Before verification: the raw bearer token. After: the {@link CurrentUser} with
 * authorities {@code ROLE_*} for each role and {@code AUD_*} for the audience.
 */
class BearerTokenAuthentication extends AbstractAuthenticationToken {

	private final String token;

	private final Set<Audience> accepted;

	private final CurrentUser user;

	private BearerTokenAuthentication(String token, Set<Audience> accepted, CurrentUser user,
			List<GrantedAuthority> authorities) {
		super(authorities);
		this.token = token;
		this.accepted = accepted;
		this.user = user;
		setAuthenticated(user != null);
	}

	/** A token as sent, with the audiences the requested endpoint accepts. */
	static BearerTokenAuthentication unverified(String token, Set<Audience> accepted) {
		return new BearerTokenAuthentication(token, accepted, null, List.of());
	}

	Set<Audience> accepted() {
		return accepted;
	}

	static BearerTokenAuthentication verified(CurrentUser user) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
		authorities.add(new SimpleGrantedAuthority(user.audience().authority()));
		return new BearerTokenAuthentication(null, Set.of(user.audience()), user, authorities);
	}

	String token() {
		return token;
	}

	@Override
	public Object getCredentials() {
		return token;
	}

	@Override
	public Object getPrincipal() {
		return user;
	}

	@Override
	public String getName() {
		return user == null ? "" : user.id().toString();
	}

}
