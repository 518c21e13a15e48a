package dev.fugong.shared.web;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.problem.ProblemWriter;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a request whose declared body is over the limit with 413 before reading a byte
 * of it. Bodies without a Content-Length (chunked) are bounded by the codecs' limit, set
 * to the same value in {@link WebConfig}.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final ProblemWriter writer;

	RequestSizeLimitFilter(FugongProperties properties, ProblemWriter writer) {
		this.maxBytes = properties.http().maxBodySize().toBytes();
		this.writer = writer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
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
