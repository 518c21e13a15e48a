package dev.fugong.shared.problem;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Errors that never reach a controller (unknown routes, filters, request bodies refused
 * before decoding) get the same problem answers as those that do. Ordered before Boot's
 * default error handler, which would answer with its own JSON shape.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

	private final ProblemExceptionHandler handler;

	private final ProblemWriter writer;

	ProblemWebExceptionHandler(ProblemExceptionHandler handler, ProblemWriter writer) {
		this.handler = handler;
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		return handler.resolve(ex, exchange).flatMap(entity -> writer.write(exchange, entity));
	}

}
