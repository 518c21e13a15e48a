package dev.fugong.shared.security;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which client's tokens an endpoint takes. A token issued to the other client is not
 * valid there (401, as any invalid token), so a leaked mini-program token does not open
 * the console.
 */
final class AudiencePolicy {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

	private static final Set<PathPattern> CONSOLE = Set.of(PARSER.parse("/api/v1/enterprises/**"),
			PARSER.parse("/api/v1/places/**"), PARSER.parse("/api/v1/role-grants/**"),
			PARSER.parse("/api/v1/pass-cards/**"), PARSER.parse("/api/v1/alerts/**"), PARSER.parse("/api/v1/zones"),
			PARSER.parse("/api/v1/returnees/**"), PARSER.parse("/api/v1/health-reports/missing"),
			PARSER.parse("/api/v1/staff-imports/**"), PARSER.parse("/api/v1/enterprise-applications/*/accept"),
			PARSER.parse("/api/v1/enterprise-applications/*/refuse"), PARSER.parse("/api/v1/filings/**"),
			PARSER.parse("/api/v1/filing-mode"), PARSER.parse("/api/v1/inspections/**"),
			PARSER.parse("/api/v1/inspection-plans/**"), PARSER.parse("/api/v1/plate-changes/**"),
			PARSER.parse("/api/v1/plates/**"), PARSER.parse("/api/v1/complaints/**"),
			PARSER.parse("/api/v1/complaint-contacts/**"), PARSER.parse("/api/v1/guide-assignments/**"),
			PARSER.parse("/api/v1/guide-reports/missing"), PARSER.parse("/api/v1/problems/overdue"),
			PARSER.parse("/api/v1/stats/**"), PARSER.parse("/api/v1/trajectory-queries"),
			PARSER.parse("/api/v1/contact-screenings/**"), PARSER.parse("/api/v1/negative-list"),
			PARSER.parse("/api/v1/negative-list/**"), PARSER.parse("/api/v1/zones/*/communities"),
			PARSER.parse("/api/v1/communities/**"));

	/**
	 * Paths either client may call, though a wider console pattern covers them: a
	 * complaint (anyone, signed in or not) and following it by receipt.
	 */
	private static final Set<PathPattern> EITHER = Set.of(PARSER.parse("/api/v1/complaints"),
			PARSER.parse("/api/v1/complaints/receipts/*"));

	private static final Set<PathPattern> MINI_PROGRAM = Set.of(PARSER.parse("/api/v1/auth/wechat/phone"),
			PARSER.parse("/api/v1/auth/qr-login/*/scan"), PARSER.parse("/api/v1/auth/qr-login/*/confirm"),
			PARSER.parse("/api/v1/auth/qr-login/*/cancel"), PARSER.parse("/api/v1/me/pass-code"),
			PARSER.parse("/api/v1/codes/**"), PARSER.parse("/api/v1/scans"), PARSER.parse("/api/v1/places/*/scans"),
			PARSER.parse("/api/v1/me/scans"), PARSER.parse("/api/v1/health-reports"));

	/**
	 * Paths whose audience depends on the method: a returnee declares itself from the
	 * mini-program and a manager registers one from the console (POST), while the list on
	 * the same path is the console's.
	 */
	private static final Set<PathPattern> BOTH_ON_POST = Set.of(PARSER.parse("/api/v1/returnees"));

	private AudiencePolicy() {
	}

	/** The audiences a token may have to call {@code path} with {@code method}. */
	static Set<Audience> accepted(HttpMethod method, String path) {
		if (HttpMethod.POST.equals(method)
				&& BOTH_ON_POST.stream().anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path)))) {
			return EnumSet.allOf(Audience.class);
		}
		return accepted(path);
	}

	/** The audiences a token may have to call {@code path}. */
	static Set<Audience> accepted(String path) {
		PathContainer container = PathContainer.parsePath(path);
		if (EITHER.stream().anyMatch(pattern -> pattern.matches(container))) {
			return EnumSet.allOf(Audience.class);
		}
		// The mini-program's paths are exact; some lie under the console's wider ones.
		if (MINI_PROGRAM.stream().anyMatch(pattern -> pattern.matches(container))) {
			return EnumSet.of(Audience.MINI_PROGRAM);
		}
		if (CONSOLE.stream().anyMatch(pattern -> pattern.matches(container))) {
			return EnumSet.of(Audience.CONSOLE);
		}
		return EnumSet.allOf(Audience.class);
	}

}
