package dev.fugong.shared.problem;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a problem outside the controller machinery: security entry points, exception
 * handlers.
 */
@Component
public class ProblemWriter {

	private final ServerResponse.Context context;

	ProblemWriter(ServerCodecConfigurer codecs) {
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, HttpHeaders headers) {
		return write(exchange,
				ResponseEntity.status(problem.getStatus())
					.headers(headers == null ? new HttpHeaders() : headers)
					.body(problem));
	}

	Mono<Void> write(ServerWebExchange exchange, ResponseEntity<?> entity) {
		Object body = entity.getBody();
		return ServerResponse.status(entity.getStatusCode())
			.headers(h -> h.addAll(entity.getHeaders()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(body == null ? ProblemDetail.forStatus(entity.getStatusCode()) : body)
			.flatMap(response -> response.writeTo(exchange, context));
	}

}
