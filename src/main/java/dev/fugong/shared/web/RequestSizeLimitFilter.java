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

/**
 * Refuses a request whose declared body is over the limit with 413 before reading a byte
 * of it. Bodies without a Content-Length (chunked) are bounded by the codecs' limit, set
 * to the same value in {@link WebConfig}. Upload endpoints declare larger limits as
 * {@link LargerBody} beans.
 */
@Component
class RequestSizeLimitFilter implements WebFilter, Ordered {

	private final long maxBytes;

	private final ProblemWriter writer;

	private final List<LargerBody> larger;

	RequestSizeLimitFilter(FugongProperties properties, ProblemWriter writer, ObjectProvider<LargerBody> larger) {
		this.maxBytes = properties.http().maxBodySize().toBytes();
		this.writer = writer;
		this.larger = larger.orderedStream().toList();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		long limit = limitFor(exchange);
		if (length > limit) {
			// Not read here: UnreadBodyFilter reads and discards a body of a few
			// megabytes
			// before the answer goes (so that it arrives) and closes on a larger one.
			return writer.write(exchange, ProblemCode.problem(HttpStatus.CONTENT_TOO_LARGE,
					ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes."), null);
		}
		return chain.filter(exchange);
	}

	/** The limit for this request: an upload endpoint's own, or the default. */
	private long limitFor(ServerWebExchange exchange) {
		if (!larger.isEmpty() && exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
			for (LargerBody body : larger) {
				if (body.matches(exchange.getRequest())) {
					return body.maxBytes();
				}
			}
		}
		return maxBytes;
	}

	@Override
	public int getOrder() {
		// Just after UnreadBodyFilter, which drains or closes on this refusal.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
