package dev.fugong.wechat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WeChat client against the in-process fake: every documented error becomes a typed
 * one.
 */
@IntegrationTest
class WeChatClientIT {

	@Autowired
	WebTestClient web;

	@Autowired
	WeChatClient client;

	@Autowired
	AccessTokenProvider tokens;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void aLoginCodeGivesTheOpenidOnceThenIsUsed() {
		String code = mint("/__fake/wechat/login-codes", Map.of("openid", "wx-client-test-1"));

		StepVerifier.create(client.code2Session(code)).assertNext(session -> {
			assertThat(session.openid()).isEqualTo("wx-client-test-1");
			assertThat(session.sessionKey()).isNotBlank();
			assertThat(session.toString()).doesNotContain(session.sessionKey());
		}).verifyComplete();
		expectError(client.code2Session(code), WeChatError.CODE_USED);
		expectError(client.code2Session("no-such-code"), WeChatError.INVALID_CODE);
	}

	@Test
	void queuedErrorsReachTheCallerTyped() {
		for (var error : List.of(WeChatError.RATE_LIMITED, WeChatError.RISKY_USER, WeChatError.BUSY)) {
			queue("jscode2session", error.code());
			String code = mint("/__fake/wechat/login-codes", Map.of("openid", "wx-client-test-2"));
			// A call that spends a code is not retried, even when WeChat is busy.
			expectError(client.code2Session(code), error);
		}
	}

	@Test
	void theStableTokenIsRetriedWhenWeChatIsBusy() {
		queue("stable_token", -1);
		StepVerifier.create(client.stableToken(false))
			.assertNext(token -> assertThat(token.expiresInSeconds()).isPositive())
			.verifyComplete();
	}

	@Test
	void aPhoneCodeGivesThePhoneWithAStringCountryCode() {
		String code = mint("/__fake/wechat/phone-codes", Map.of("phone", "13912345678"));

		StepVerifier.create(tokens.withToken(token -> client.phoneNumber(token, code))).assertNext(phone -> {
			assertThat(phone.purePhoneNumber()).isEqualTo("13912345678");
			assertThat(phone.countryCode()).isEqualTo("86");
		}).verifyComplete();
		expectError(tokens.withToken(token -> client.phoneNumber(token, code)), WeChatError.CODE_USED);
	}

	@Test
	void aStaleStoredTokenIsReplacedAndTheCallRetriedOnce() {
		redis.opsForValue().set(AccessTokenProvider.KEY, "stale-token").block();
		String code = mint("/__fake/wechat/phone-codes", Map.of("phone", "13912345679"));

		StepVerifier.create(tokens.withToken(token -> client.phoneNumber(token, code)))
			.assertNext(phone -> assertThat(phone.purePhoneNumber()).isEqualTo("13912345679"))
			.verifyComplete();
		assertThat(redis.opsForValue().get(AccessTokenProvider.KEY).block()).isNotEqualTo("stale-token");
	}

	@Test
	void oneTimeSubscriptionsAreUsedUp() {
		var message = new WeChatClient.SubscribeMessage("wx-client-test-3", "tpl-alert", "pages/alerts/index",
				Map.of("thing1", Map.of("value", "东门 体温异常")));
		expectError(tokens.withToken(token -> client.sendSubscribeMessage(token, message)), WeChatError.USER_REFUSED);

		web.post()
			.uri("/__fake/wechat/subscriptions")
			.bodyValue(Map.of("openid", "wx-client-test-3", "templateId", "tpl-alert", "count", 1))
			.exchange()
			.expectStatus()
			.isOk();
		StepVerifier.create(tokens.withToken(token -> client.sendSubscribeMessage(token, message))).verifyComplete();
		expectError(tokens.withToken(token -> client.sendSubscribeMessage(token, message)), WeChatError.USER_REFUSED);

		web.get()
			.uri("/__fake/wechat/messages?openid=wx-client-test-3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].template_id")
			.isEqualTo("tpl-alert");

		var bad = new WeChatClient.SubscribeMessage("wx-client-test-3", "tpl-alert", "pages/x", null);
		expectError(tokens.withToken(token -> client.sendSubscribeMessage(token, bad)), WeChatError.BAD_FIELD);
		// As WeChat: a thing field holds at most 20 characters, a phrase at most 5.
		for (var data : List.of(Map.of("thing1", Map.of("value", "一二三四五六七八九十一二三四五六七八九十一")),
				Map.of("phrase3", Map.of("value", "体温异常体温")))) {
			var tooLong = new WeChatClient.SubscribeMessage("wx-client-test-3", "tpl-alert", "pages/x", data);
			expectError(tokens.withToken(token -> client.sendSubscribeMessage(token, tooLong)), WeChatError.BAD_FIELD);
		}
	}

	/**
	 * The fake's own controls are called by tests, scripts and people trying the local
	 * profile: a body they get wrong is a 400 naming the field, not a 500 from a cast.
	 */
	@Test
	void theFakesControlsAnswerABadBodyWithA400NamingTheField() {
		Map<String, Map<String, Object>> bad = Map.of("/__fake/wechat/subscriptions",
				Map.of("openid", "wx-client-test-4", "templateId", "tpl-alert", "count", "three"),
				"/__fake/wechat/errors", Map.of("call", "jscode2session"), "/__fake/wechat/hold",
				Map.of("held", "maybe"), "/__fake/wechat/login-codes", Map.of("openid", "wx-\u0000"),
				"/__fake/wechat/phone-codes", Map.of());
		Map<String, String> field = Map.of("/__fake/wechat/subscriptions", "count", "/__fake/wechat/errors", "errcode",
				"/__fake/wechat/hold", "held", "/__fake/wechat/login-codes", "openid", "/__fake/wechat/phone-codes",
				"phone");
		bad.forEach((path, body) -> web.post()
			.uri(path)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("validation_failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field.get(path)));
	}

	private void expectError(reactor.core.publisher.Mono<?> call, WeChatError error) {
		StepVerifier.create(call)
			.expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(WeChatException.class)
				.extracting(e -> ((WeChatException) e).error())
				.isEqualTo(error))
			.verify();
	}

	private void queue(String call, int errcode) {
		web.post()
			.uri("/__fake/wechat/errors")
			.bodyValue(Map.of("call", call, "errcode", errcode))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private String mint(String path, Map<String, String> body) {
		return (String) web.post()
			.uri(path)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");
	}

}
