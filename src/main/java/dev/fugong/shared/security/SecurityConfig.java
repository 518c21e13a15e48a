package dev.fugong.shared.security;

import reactor.core.publisher.Mono;

import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.problem.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Stateless bearer-token security. Every {@code /api/**} request needs a valid token
 * except the sign-in endpoints; which roles and audiences may call what is declared here
 * per path, and the scope (which enterprise, which zone) is checked by each feature's
 * service.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, TokenService tokens,
			TokenRevocations revocations, ProblemWriter problems) {
		ServerAuthenticationEntryPoint entryPoint = entryPoint(problems);
		AuthenticationWebFilter bearer = new AuthenticationWebFilter(authenticationManager(tokens, revocations));
		bearer.setServerAuthenticationConverter(SecurityConfig::bearerToken);
		bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
		bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			// Scripts and styles only from the service's own files: no inline script, no
			// other origin, no eval (docs/adr/0007). The API's answers carry it too,
			// harmlessly.
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(
						org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied(problems)))
			.authorizeExchange(exchanges -> exchanges
				// The console's and the mobile page's static files: public, they hold no
				// data (what they show comes from the API, with a token).
				.pathMatchers(HttpMethod.GET, "/console", "/console/**", "/m", "/m/**")
				.permitAll()
				// What a phone camera opens from a place or pass code outside WeChat: a
				// static page saying to scan with WeChat.
				.pathMatchers(HttpMethod.GET, "/q/*")
				.permitAll()
				// The probes' additional paths on the main port. The actuator itself
				// (health, info, prometheus; the rest is 404) is served on the management
				// port, which the Kubernetes Service does not expose; on the main port
				// /actuator/** finds no handler.
				.pathMatchers(HttpMethod.GET, "/livez", "/readyz")
				.permitAll()
				.pathMatchers("/actuator/**")
				.permitAll()
				.pathMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
						"/swagger-ui/**", "/webjars/**")
				.permitAll()
				// Exists only in the local profile (DevTokenController); elsewhere this
				// path is a 404.
				.pathMatchers(HttpMethod.POST, "/__dev/tokens")
				.permitAll()
				// The WeChat fake: exists only in the local profile (wechat/fake).
				.pathMatchers("/__fake/wechat/**")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/v1/auth/wechat/login", "/api/v1/auth/token/refresh",
						"/api/v1/auth/qr-login")
				.permitAll()
				// The console, before it has a token: the ticket's secret is its
				// credential.
				.pathMatchers(HttpMethod.GET, "/api/v1/auth/qr-login/*", "/api/v1/auth/qr-login/*/events",
						"/api/v1/auth/qr-login/*/qrcode.png")
				.permitAll()
				// Complaints (监督举报): anyone may report, anonymous allowed, and follow
				// its report by receipt; rate-limited per address and device
				// (ComplaintService).
				.pathMatchers(HttpMethod.POST, "/api/v1/complaints")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/api/v1/complaints/receipts/*")
				.permitAll()
				.pathMatchers("/api/v1/complaints/**", "/api/v1/complaint-contacts/**")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.POST, "/api/v1/enterprise-applications/*/accept",
						"/api/v1/enterprise-applications/*/refuse")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				// The negative list for shops (issue 20): officials and the admin read it
				// and the open shops it lists; the service decides who may change it.
				.pathMatchers("/api/v1/negative-list", "/api/v1/negative-list/**")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.PUT, "/api/v1/filing-mode")
				.access(anyRole(Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.POST, "/api/v1/filings/*/review", "/api/v1/filings/*/inspect",
						"/api/v1/filings/*/approve", "/api/v1/filings/*/return")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/filings/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN, Role.GUIDE))
				.pathMatchers(HttpMethod.GET, "/api/v1/inspections", "/api/v1/inspections/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/inspections", "/api/v1/inspections/**", "/api/v1/inspection-plans",
						"/api/v1/inspection-plans/**", "/api/v1/plate-changes", "/api/v1/plate-changes/**",
						"/api/v1/plates/**")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				// Guides and dashboards (issue 13): officials station guides, read the
				// missing reports, the overdue problems and the dashboards; guides file
				// the daily report; guides, managers and officials report problems,
				// officials move them on.
				.pathMatchers(HttpMethod.POST, "/api/v1/stats/reconciliations")
				.access(anyRole(Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/guide-assignments", "/api/v1/guide-assignments/**", "/api/v1/stats/**",
						"/api/v1/guide-reports/missing", "/api/v1/problems/overdue")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.POST, "/api/v1/guide-reports")
				.access(anyRole(Role.GUIDE))
				.pathMatchers("/api/v1/guide-reports/draft", "/api/v1/me/enterprises")
				.access(anyRole(Role.GUIDE))
				.pathMatchers("/api/v1/guide-reports", "/api/v1/guide-reports/**")
				.access(anyRole(Role.GUIDE, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.PATCH, "/api/v1/problems/*")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/problems", "/api/v1/problems/**")
				.access(anyRole(Role.GUIDE, Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				// Gate staff and managers at enterprises' gates; a grid's officials at
				// its
				// communities' checkpoints (issue 20). The service checks the place.
				.pathMatchers(HttpMethod.POST, "/api/v1/places/*/scans")
				.access(anyRole(Role.GATE_STAFF, Role.ENTERPRISE_MANAGER, Role.OFFICIAL))
				// Residential communities and checkpoints (issue 20): the grid's
				// officials.
				.pathMatchers("/api/v1/zones/*/communities", "/api/v1/communities", "/api/v1/communities/**")
				.access(anyRole(Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/alerts/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				// Returnees and health (issue 11). Registering is for the returnee itself
				// (mini-program) and its manager (console); the service tells them apart.
				.pathMatchers(HttpMethod.POST, "/api/v1/returnees", "/api/v1/health-reports")
				.authenticated()
				.pathMatchers(HttpMethod.GET, "/api/v1/returnees/export")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.POST, "/api/v1/returnees/*/tests")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/returnees", "/api/v1/returnees/**", "/api/v1/health-reports/missing")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.GUIDE, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/staff-imports/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers(HttpMethod.PUT, "/api/v1/regions/*/risk")
				.access(anyRole(Role.DISTRICT_ADMIN))
				// Trajectories and contact screening (issue 12): any signed-in caller
				// reaches
				// the service, which refuses everyone but officials and managers itself,
				// so
				// that every refusal is audited too (a 403 here would leave no trace).
				.pathMatchers("/api/v1/trajectory-queries", "/api/v1/contact-screenings",
						"/api/v1/contact-screenings/**", "/api/v1/me/trajectory-lookups")
				.authenticated()
				.pathMatchers("/api/v1/enterprises/**", "/api/v1/places/**", "/api/v1/zones")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN, Role.GUIDE))
				.pathMatchers("/api/v1/pass-cards/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/v1/role-grants/**")
				.access(anyRole(Role.ENTERPRISE_MANAGER, Role.OFFICIAL, Role.DISTRICT_ADMIN))
				.pathMatchers("/api/**")
				.authenticated()
				.anyExchange()
				.denyAll())
			.build();
	}

	/**
	 * Requests the firewall refuses (encoded semicolons or slashes, non-printable
	 * characters in the path) get a problem, not Spring Security's empty 400.
	 */
	@Bean
	ServerExchangeRejectedHandler exchangeRejectedHandler(ProblemWriter problems) {
		return (exchange, ex) -> problems.write(exchange, ProblemCode.problem(HttpStatus.BAD_REQUEST,
				ProblemCode.MALFORMED_REQUEST, "The request URL is not allowed."), null);
	}

	/**
	 * Signed in with one of these roles. (Which client the token was issued to is checked
	 * at authentication, by {@link AudiencePolicy}.)
	 */
	private static ReactiveAuthorizationManager<AuthorizationContext> anyRole(Role... roles) {
		return (authentication, context) -> authentication
			.<AuthorizationResult>map(auth -> new AuthorizationDecision(Authorities.hasAnyRole(auth, roles)))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

	/**
	 * Verifies the token, then asks Redis whether it or its sign-in family was revoked.
	 */
	private static ReactiveAuthenticationManager authenticationManager(TokenService tokens,
			TokenRevocations revocations) {
		return authentication -> Mono.fromCallable(() -> {
			BearerTokenAuthentication bearer = (BearerTokenAuthentication) authentication;
			CurrentUser user = tokens.verify(bearer.token());
			if (!bearer.accepted().contains(user.audience())) {
				throw new InvalidTokenException("token issued to another client");
			}
			return user;
		})
			.flatMap(user -> revocations.isRevoked(user)
				.flatMap(revoked -> revoked ? Mono.error(new InvalidTokenException("token revoked"))
						: Mono.just((Authentication) BearerTokenAuthentication.verified(user))));
	}

	/**
	 * The token of an {@code Authorization: Bearer} header; other schemes are not ours.
	 */
	private static Mono<Authentication> bearerToken(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Mono.empty();
		}
		return Mono.just(BearerTokenAuthentication.unverified(header.substring(7).trim(), AudiencePolicy.accepted(
				exchange.getRequest().getMethod(), exchange.getRequest().getPath().pathWithinApplication().value())));
	}

	private static ServerAuthenticationEntryPoint entryPoint(ProblemWriter problems) {
		return (exchange, ex) -> {
			boolean tokenSent = ex instanceof InvalidTokenException;
			HttpHeaders headers = new HttpHeaders();
			// RFC 6750 section 3: say that a token is needed, and whether the one sent
			// was bad.
			headers.set(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
			return problems.write(exchange,
					ProblemCode.problem(HttpStatus.UNAUTHORIZED,
							tokenSent ? ProblemCode.INVALID_TOKEN : ProblemCode.UNAUTHORIZED,
							tokenSent ? "The access token is invalid or expired." : "An access token is required."),
					headers);
		};
	}

	private static ServerAccessDeniedHandler accessDenied(ProblemWriter problems) {
		return (exchange, ex) -> problems.write(exchange, ProblemCode.problem(HttpStatus.FORBIDDEN,
				ProblemCode.FORBIDDEN, "Your role does not allow this request."), null);
	}

}
