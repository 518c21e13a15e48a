package dev.fugong.shared.problem;

import java.io.IOException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators see in the log when a request fails: a client that hung up is not an
 * error line (gate phones lose their signal all day); a failure of the service is.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemExceptionHandlerTests {

	private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

	@Test
	void aClientThatHungUpIsNoErrorButAFailureOfTheServiceIs(CapturedOutput output) {
		handler.resolve(new AbortedException("Connection has been closed BEFORE send operation"), scan()).block();
		handler.resolve(new IOException("Connection reset by peer"), scan()).block();
		assertThat(output).doesNotContain("Unexpected failure");

		var answer = handler.resolve(new IllegalStateException("a bug"), scan()).block();
		assertThat(answer.getStatusCode().value()).isEqualTo(500);
		assertThat(output).contains("Unexpected failure handling POST /api/v1/scans");
	}

	@Test
	void aRedisMasterLostUnderACommandIsA503AndABrokenScriptA500(CapturedOutput output) {
		var reset = handler
			.resolve(
					new RedisSystemException("recvAddress(..) failed",
							new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")),
					scan())
			.block();
		var failingOver = handler
			.resolve(new RedisSystemException("CLUSTERDOWN",
					new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")), scan())
			.block();
		var closed = handler
			.resolve(new RedisSystemException("closed", new RedisException("Connection closed")), scan())
			.block();
		assertThat(java.util.List.of(reset, failingOver, closed)).allSatisfy(answer -> {
			assertThat(answer.getStatusCode().value()).isEqualTo(503);
			assertThat(answer.getHeaders().getFirst("Retry-After"))
				.isEqualTo(ProblemExceptionHandler.RETRY_AFTER_SECONDS);
		});
		assertThat(output).doesNotContain("Unexpected failure");

		var script = handler
			.resolve(
					new RedisSystemException("ERR",
							new RedisCommandExecutionException(
									"ERR user_script:1: Script attempted to access nonexistent global variable")),
					scan())
			.block();
		assertThat(script.getStatusCode().value()).isEqualTo(500);
	}

	private static MockServerWebExchange scan() {
		return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/scans"));
	}

}
