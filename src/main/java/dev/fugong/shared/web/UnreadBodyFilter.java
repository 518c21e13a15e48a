package dev.fugong.shared.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A request answered before its body was read (401 without a token, 409 for a filing that
 * is full, 413, 415) still gets its answer, and its connection stays usable.
 * <p>
 * HTTP/1.1 (RFC 9112, 9.3) lets a server that did not read a body either read it or close
 * the connection. Closing alone is not enough: a socket closed with unread bytes is reset
 * by the kernel, and the reset can overtake the answer, so the client (a phone uploading
 * a photo, a test client) saw "connection closed while sending the request body" instead
 * of the refusal. So a body nobody began to read, up to {@link #DRAIN_LIMIT}, is read and
 * discarded just before the answer is sent, as servlet containers do (Tomcat swallows up
 * to 2 MiB); the connection is then kept. A larger body, a client that stalls, or a body
 * a handler began and abandoned closes the connection with the answer.
 * <p>
 * Only requests that declare a body are watched; a GET costs nothing here.
 */
@Component
class UnreadBodyFilter implements WebFilter, Ordered {

	/** Unread bodies up to this size are read and discarded before the answer. */
	static final long DRAIN_LIMIT = 4 * 1024 * 1024;

	/** A client that stops sending mid-body is not waited for long. */
	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		boolean hasBody = length > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
		if (!hasBody) {
			return chain.filter(exchange);
		}
		AtomicBoolean begun = new AtomicBoolean();
		AtomicBoolean read = new AtomicBoolean();
		ServerHttpRequest watched = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().doOnSubscribe(subscription -> begun.set(true))
					.doOnComplete(() -> read.set(true));
			}
		};
		ServerHttpResponse response = exchange.getResponse();
		// Before the answer is written, not in a beforeCommit action: reading the request
		// from inside the commit released its buffers twice (Reactor Netty 1.3.8).
		Mono<Void> beforeAnswer = Mono.defer(() -> {
			if (read.get()) {
				return Mono.empty();
			}
			if (begun.get() || length > DRAIN_LIMIT) {
				return close(response);
			}
			return drain(request).flatMap(drained -> drained ? Mono.empty() : close(response));
		});
		ServerHttpResponse guarded = new ServerHttpResponseDecorator(response) {
			@Override
			public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
				return beforeAnswer.then(Mono.defer(() -> super.writeWith(body)));
			}

			@Override
			public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
				return beforeAnswer.then(Mono.defer(() -> super.writeAndFlushWith(body)));
			}

			@Override
			public Mono<Void> setComplete() {
				return beforeAnswer.then(Mono.defer(super::setComplete));
			}
		};
		// An error is answered by the exception handlers, which write to the exchange's
		// own response, not to this one: the body is seen to first.
		return chain.filter(exchange.mutate().request(watched).response(guarded).build())
			.onErrorResume(error -> beforeAnswer.then(Mono.error(error)));
	}

	/** Reads and discards the body: true if it ended within the limit and the time. */
	private static Mono<Boolean> drain(ServerHttpRequest request) {
		// Released as they are counted, in reduce, not in doOnNext: a buffer that went on
		// downstream would be released again by the discard hook of the answer's writer.
		return request.getBody().reduce(0L, (seen, buffer) -> {
			long total = seen + buffer.readableByteCount();
			DataBufferUtils.release(buffer);
			if (total > DRAIN_LIMIT) {
				// A chunked body that goes on: not worth reading further.
				throw new IllegalStateException("over the drain limit");
			}
			return total;
		}).map(total -> true).timeout(DRAIN_TIMEOUT, Mono.just(false)).onErrorReturn(false);
	}

	private static Mono<Void> close(ServerHttpResponse response) {
		response.getHeaders().set(HttpHeaders.CONNECTION, "close");
		return Mono.empty();
	}

	@Override
	public int getOrder() {
		// Before the size limit, whose 413 is such a refusal.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
