package dev.fugong.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat's session_key must never leave the server: not in an answer, not in a log line.
 * Signs in several times (successes and failures), then looks for every key the fake
 * handed out.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SessionKeyLeakIT {

	@Autowired
	WebTestClient web;

	@Test
	void noSessionKeyAppearsInAnyAnswerOrLogLine(CapturedOutput output) {
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String code = (String) web.post()
				.uri("/__fake/wechat/login-codes")
				.bodyValue(Map.of("openid", "wx-leak-" + UUID.randomUUID()))
				.exchange()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody()
				.get("code");
			answers.add(signIn(code));
			// The same code again: an error path, which must not leak either.
			answers.add(signIn(code));
		}

		List<String> keys = web.get()
			.uri("/__fake/wechat/session-keys")
			.exchange()
			.expectBody(new ParameterizedTypeReference<List<String>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
		for (String key : keys) {
			assertThat(String.join("\n", answers)).doesNotContain(key);
			assertThat(output.getAll()).doesNotContain(key);
		}
	}

	private String signIn(String code) {
		return web.post()
			.uri("/api/v1/auth/wechat/login")
			.bodyValue(Map.of("code", code))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
