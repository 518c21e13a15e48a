package dev.fugong.shared.security;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * Who may call an endpoint, read from the rules that decide it: the audiences of
 * {@link AudiencePolicy} and the role rules of {@link SecurityConfig}, asked for each
 * role as the running filter chain would. The API document states these
 * (dev.fugong.apidoc), so it cannot disagree with what the service does.
 *
 * <p>
 * Spring Security has no public way to ask a built chain "would this role pass here?";
 * the authorization filter's manager is read by reflection once. If a Spring Security
 * upgrade renames that field, the document cannot be built and ApiDocumentIT fails.
 */
@Component
public class EndpointAccess {

	private final ReactiveAuthorizationManager<? super ServerWebExchange> rules;

	EndpointAccess(SecurityWebFilterChain chain) {
		this.rules = authorizationManager(chain);
	}

	/**
	 * Who may call {@code method} on {@code pathTemplate} (an OpenAPI path such as
	 * {@code /api/v1/places/{id}/scans}).
	 * @return the access: public (no token), or a token of these audiences and one of
	 * these roles
	 */
	public Access of(HttpMethod method, String pathTemplate) {
		String path = pathTemplate.replaceAll("\\{[^}]+}", "x");
		ServerWebExchange exchange = exchange(method, path);
		Set<Audience> audiences = AudiencePolicy.accepted(method, path);
		if (granted(Mono.empty(), exchange)) {
			return new Access(true, audiences, EnumSet.allOf(Role.class));
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Role role : Role.values()) {
			Authentication holder = UsernamePasswordAuthenticationToken.authenticated("api-document", null,
					List.of(new SimpleGrantedAuthority(role.authority())));
			if (granted(Mono.just(holder), exchange)) {
				roles.add(role);
			}
		}
		return new Access(false, audiences, roles);
	}

	/** The rules answer at once (no I/O): read the answer without blocking. */
	private boolean granted(Mono<Authentication> authentication, ServerWebExchange exchange) {
		AtomicReference<AuthorizationResult> result = new AtomicReference<>();
		this.rules.authorize(authentication, exchange).subscribe(result::set);
		if (result.get() == null) {
			throw new IllegalStateException("The security rules did not answer at once for " + exchange.getRequest());
		}
		return result.get().isGranted();
	}

	@SuppressWarnings("unchecked")
	private static ReactiveAuthorizationManager<? super ServerWebExchange> authorizationManager(
			SecurityWebFilterChain chain) {
		List<WebFilter> filters = new ArrayList<>();
		// A list held by the chain: emitted at once.
		Flux.from(chain.getWebFilters()).subscribe(filters::add);
		AuthorizationWebFilter filter = filters.stream()
			.filter(AuthorizationWebFilter.class::isInstance)
			.map(AuthorizationWebFilter.class::cast)
			.reduce((first, second) -> second)
			.orElseThrow(() -> new IllegalStateException("No authorization filter in the security chain"));
		Field field = ReflectionUtils.findField(AuthorizationWebFilter.class, "authorizationManager");
		if (field == null) {
			throw new IllegalStateException("AuthorizationWebFilter has no authorizationManager field any more");
		}
		ReflectionUtils.makeAccessible(field);
		return (ReactiveAuthorizationManager<? super ServerWebExchange>) ReflectionUtils.getField(field, filter);
	}

	/** Just enough of an exchange for path and method matchers. */
	private static ServerWebExchange exchange(HttpMethod method, String path) {
		RuleRequest request = new RuleRequest(method, URI.create("http://localhost" + path));
		Map<String, Object> attributes = new HashMap<>();
		return (ServerWebExchange) Proxy.newProxyInstance(EndpointAccess.class.getClassLoader(),
				new Class<?>[] { ServerWebExchange.class }, (proxy, invoked, args) -> switch (invoked.getName()) {
					case "getRequest" -> request;
					case "getAttributes" -> attributes;
					case "getAttribute" -> attributes.get((String) args[0]);
					case "toString" -> method + " " + path;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> throw new UnsupportedOperationException(invoked.getName());
				});
	}

	/**
	 * Who may call an operation.
	 *
	 * @param open no token needed
	 * @param audiences the clients whose tokens it takes
	 * @param roles the roles that pass the role rules (all of them when any signed-in
	 * user may call it)
	 */
	public record Access(boolean open, Set<Audience> audiences, Set<Role> roles) {

		/** Some role is refused by the role rules. */
		public boolean roleRestricted() {
			return !this.open && this.roles.size() < Role.values().length;
		}

	}

	private static final class RuleRequest extends AbstractServerHttpRequest {

		RuleRequest(HttpMethod method, URI uri) {
			super(method, uri, "", new HttpHeaders());
		}

		@Override
		protected MultiValueMap<String, HttpCookie> initCookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		protected SslInfo initSslInfo() {
			return null;
		}

		@Override
		public <T> T getNativeRequest() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.empty();
		}

	}

}
