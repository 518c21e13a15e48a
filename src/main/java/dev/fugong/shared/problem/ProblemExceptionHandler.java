package dev.fugong.shared.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}: Spring's own
 * web exceptions through the base class, the service's {@link ApiException}s, and
 * infrastructure failures (503 when PostgreSQL or Redis is down). A client never sees a
 * stack trace, and never a 500 for anything it sent.
 *
 * <p>
 * {@link ProblemWebExceptionHandler} routes errors raised outside controllers (unknown
 * routes, filters, oversized bodies) through {@link #resolve} so they get the same
 * answers.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	static final String RETRY_AFTER_SECONDS = "5";

	/** Logs a client gone away as one DEBUG line, with its stack trace only at TRACE. */
	private final DisconnectedClientHelper disconnectedClients = new DisconnectedClientHelper(
			ProblemExceptionHandler.class.getName());

	/** Any failure, as the response entity a client gets. */
	public Mono<ResponseEntity<Object>> resolve(Throwable ex, ServerWebExchange exchange) {
		if (ex instanceof Exception exception && isSpringWebException(exception)) {
			return handleException(exception, exchange);
		}
		return Mono.just(handleOther(ex, exchange));
	}

	@ExceptionHandler(Exception.class)
	public ResponseEntity<Object> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		return handleOther(ex, exchange);
	}

	private ResponseEntity<Object> handleOther(Throwable ex, ServerWebExchange exchange) {
		if (ex instanceof DataBufferLimitException || hasCause(ex, DataBufferLimitException.class)) {
			return entity(exchange, ProblemCode.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE,
					"The request body is larger than this endpoint accepts."), null);
		}
		if (isDependencyFailure(ex)) {
			// Log the type only: driver messages can quote SQL parameters.
			log.warn("Dependency unavailable: {}", rootCause(ex).getClass().getName());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			return entity(exchange,
					ProblemCode.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.DEPENDENCY_UNAVAILABLE,
							"A service this request needs is unavailable. Try again shortly."),
					headers);
		}
		if (ex instanceof OptimisticLockingFailureException) {
			return entity(exchange, ProblemCode.problem(HttpStatus.CONFLICT, ProblemCode.CONCURRENT_UPDATE,
					"The record was changed by someone else. Read it again and retry."), null);
		}
		if (ex instanceof DataIntegrityViolationException) {
			// Services check the constraints clients can break; reaching here means a
			// race lost.
			return entity(exchange, ProblemCode.problem(HttpStatus.CONFLICT, ProblemCode.CONFLICT,
					"The request conflicts with the current state of the data."), null);
		}
		if (disconnectedClients.checkAndLogClientDisconnectedException(ex)) {
			// The client hung up (a gate phone losing its signal): no one reads the
			// answer, and it is not the service's failure: no error line for operators.
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).build();
		}
		log.error("Unexpected failure handling {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex);
		return entity(exchange, ProblemCode.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemCode.INTERNAL_ERROR,
				"An unexpected error occurred."), null);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			errors.add(fieldError(error.getField(),
					error.isBindingFailure() ? "has an invalid value" : error.getDefaultMessage()));
		}
		ex.getGlobalErrors().forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		return validationProblem(ex, errors, headers, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, error.getDefaultMessage())));
		});
		return validationProblem(ex, errors, headers, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (hasCause(ex, DataBufferLimitException.class)) {
			return Mono.just(handleOther(ex, exchange));
		}
		JacksonException jackson = findCause(ex, JacksonException.class);
		if (jackson != null && !(jackson instanceof StreamReadException) && !jackson.getPath().isEmpty()) {
			// Well-formed JSON with a value of the wrong type: say which field, never
			// echo it.
			return validationProblem(ex, List.of(fieldError(path(jackson), "has an invalid value")), headers, exchange);
		}
		String detail;
		if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null
				&& !(hasCause(ex, DecodingException.class))) {
			detail = "Parameter '" + ex.getMethodParameter().getParameterName() + "' is missing or invalid.";
		}
		else if (jackson != null || hasCause(ex, DecodingException.class)) {
			detail = "The request body is not valid JSON.";
		}
		else {
			detail = "The request is malformed.";
		}
		ProblemDetail problem = ProblemCode.problem(HttpStatus.BAD_REQUEST, ProblemCode.MALFORMED_REQUEST, detail);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
	}

	/**
	 * A path variable that matched the route but converted to null (a blank id: Spring's
	 * UUID converter makes {@code " "} null) is reported by Spring as missing, which is a
	 * server error by default. The route matched, so it was there: the client's error,
	 * answered as any id that does not parse.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleServerErrorException(ServerErrorException ex, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		MethodParameter parameter = ex.getMethodParameter();
		PathVariable variable = parameter == null ? null : parameter.getParameterAnnotation(PathVariable.class);
		Map<String, String> matched = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variable != null && matched != null && matched
			.containsKey(StringUtils.hasText(variable.name()) ? variable.name() : parameter.getParameterName())) {
			return handleServerWebInputException(
					new ServerWebInputException("Blank path variable", parameter, ex.getCause()), headers,
					HttpStatus.BAD_REQUEST, exchange);
		}
		return super.handleServerErrorException(ex, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = body instanceof ProblemDetail detail ? detail
				: ex instanceof ErrorResponse response ? response.getBody() : ProblemDetail.forStatus(status);
		if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
			ProblemCode.apply(problem, ProblemCode.forStatus(status));
		}
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		if (problem.getDetail() == null && status.value() == HttpStatus.NOT_FOUND.value()) {
			// A path no handler takes (Spring's own 404 says nothing).
			problem.setDetail("Nothing is found at this path. Check the method and path against the API.");
		}
		if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			// An answer the service chose (a full queue, a write not confirmed, shutting
			// down): a line, not a stack trace per request while a dependency is away.
			log.warn("Unavailable handling {} {}: {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), problem.getDetail());
		}
		else if (status.is5xxServerError()) {
			log.error("Server error handling {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
					ex);
		}
		return super.handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	private Mono<ResponseEntity<Object>> validationProblem(Exception ex, List<Map<String, String>> errors,
			HttpHeaders headers, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemCode.problem(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION_FAILED,
				"The request has invalid fields.");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
	}

	private static ResponseEntity<Object> entity(ServerWebExchange exchange, ProblemDetail problem,
			HttpHeaders headers) {
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(problem.getStatus());
		if (headers != null) {
			builder.headers(headers);
		}
		return builder.body(problem);
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message == null ? "is invalid" : message);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static boolean isSpringWebException(Exception ex) {
		return ex instanceof ErrorResponse
				|| ex instanceof org.springframework.validation.method.MethodValidationException;
	}

	static boolean isDependencyFailure(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
					|| t instanceof R2dbcTransientException || t instanceof R2dbcNonTransientResourceException
					|| t instanceof ConnectException || t instanceof TimeoutException
					|| t instanceof io.lettuce.core.RedisConnectionException
					|| t instanceof io.lettuce.core.RedisCommandTimeoutException
					|| t instanceof io.netty.channel.ConnectTimeoutException || isRedisUnavailable(t)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Redis gone or moving, as Spring Data wraps it: a connection reset or closed under a
	 * command (a master shut down), or the cluster's own answers while a replica takes
	 * over. An error of a script or a command itself stays a 500: that is a bug.
	 */
	private static boolean isRedisUnavailable(Throwable t) {
		if (!(t instanceof RedisSystemException)) {
			return false;
		}
		Throwable cause = t.getCause();
		if (cause instanceof IOException) {
			return true;
		}
		String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
		if (cause instanceof RedisCommandExecutionException) {
			return message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN") || message.startsWith("LOADING")
					|| message.startsWith("MASTERDOWN") || message.startsWith("READONLY");
		}
		return cause instanceof RedisException && message.startsWith("Connection closed");
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		return findCause(ex, type) != null;
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t;
	}

}
