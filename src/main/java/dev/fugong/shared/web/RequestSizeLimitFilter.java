package dev.fugong.shared.web;

import java.util.List;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.problem.ProblemWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Refuses a request whose declared body is over the limit with 413 before reading a byte
 * of it. Bodies without a Content-Length (chunked) are bounded by the codecs' limit, set
 * to the same value in {@link WebConfig}.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final ProblemWriter writer;

	/** Paths that take more (BodyLimit beans of the features). */
	private final List<Limit> larger;

	RequestSizeLimitFilter(FugongProperties properties, ProblemWriter writer, ObjectProvider<BodyLimit> limits) {
		this.maxBytes = properties.http().maxBodySize().toBytes();
		this.writer = writer;
		this.larger = limits.orderedStream()
			.map(limit -> new Limit(PathPatternParser.defaultInstance.parse(limit.pathPattern()),
					limit.maxSize().toBytes()))
			.toList();
	}

	private record Limit(PathPattern pattern, long maxBytes) {
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		long maxBytes = this.maxBytes;
		for (Limit limit : larger) {
			if (limit.pattern().matches(exchange.getRequest().getPath().pathWithinApplication())) {
				maxBytes = limit.maxBytes();
			}
		}
		if (length > maxBytes) {
			return writer.write(exchange, ProblemCode.problem(HttpStatus.CONTENT_TOO_LARGE,
					ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes."), null);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		// Just after UnreadBodyFilter, which closes the connection of this refusal.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
