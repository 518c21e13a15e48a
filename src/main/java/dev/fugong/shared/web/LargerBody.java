package dev.fugong.shared.web;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * An endpoint whose requests may be larger than {@code fugong.http.max-body-size}: a
 * feature that takes uploads declares one as a bean, and {@link RequestSizeLimitFilter}
 * applies its limit to those requests instead. The endpoint must bound what it reads by
 * the same limit (a chunked body declares no length).
 */
public final class LargerBody {

	private final HttpMethod method;

	private final PathPattern pattern;

	private final long maxBytes;

	private LargerBody(HttpMethod method, PathPattern pattern, long maxBytes) {
		this.method = method;
		this.pattern = pattern;
		this.maxBytes = maxBytes;
	}

	/** Requests of this method whose path matches {@code pattern} (Spring's syntax). */
	public static LargerBody of(HttpMethod method, String pattern, DataSize max) {
		return new LargerBody(method, PathPatternParser.defaultInstance.parse(pattern), max.toBytes());
	}

	boolean matches(ServerHttpRequest request) {
		return method.equals(request.getMethod())
				&& pattern.matches(PathContainer.parsePath(request.getPath().pathWithinApplication().value()));
	}

	public long maxBytes() {
		return maxBytes;
	}

}
