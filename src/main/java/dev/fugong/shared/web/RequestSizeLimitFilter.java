package dev.fugong.shared.web;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.problem.ProblemWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
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

	/** Bodies up to this size over the limit are read and discarded, not cut off. */
	static final long DRAIN_LIMIT = 4 * 1024 * 1024;

	/** A client that stops sending mid-body is not waited for long. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

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
			Mono<Void> refuse = writer.write(exchange, ProblemCode.problem(HttpStatus.CONTENT_TOO_LARGE,
					ProblemCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit + " bytes."), null);
			if (length > DRAIN_LIMIT) {
				// Not downloaded: UnreadBodyFilter closes the connection with the
				// refusal.
				return refuse;
			}
			// Read and discarded first: closing a socket with unread bytes makes the
			// kernel reset the connection, and a reset that overtakes the 413 leaves the
			// client with no answer at all.
			return exchange.getRequest()
				.getBody()
				.doOnNext(DataBufferUtils::release)
				.then()
				.timeout(DRAIN_TIMEOUT, Mono.empty())
				.onErrorResume(error -> Mono.empty())
				.then(refuse);
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
