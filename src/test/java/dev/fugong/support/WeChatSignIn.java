package dev.fugong.support;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Signing in as a mini-program user would, through the in-process WeChat fake. */
public final class WeChatSignIn {

	private WeChatSignIn() {
	}

	/** A fresh single-use {@code wx.login} code for this openid. */
	public static String loginCode(WebTestClient web, String openid) {
		return (String) web.post()
			.uri("/__fake/wechat/login-codes")
			.bodyValue(Map.of("openid", openid))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");
	}

	/** The sign-in answer: token pair and user summary. */
	public static Map<String, Object> signIn(WebTestClient web, String openid) {
		return web.post()
			.uri("/api/v1/auth/wechat/login")
			.bodyValue(Map.of("code", loginCode(web, openid)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** Binds this phone to the signed-in user, through a phone code from the fake. */
	public static void bindPhone(WebTestClient web, String accessToken, String phone) {
		String code = (String) web.post()
			.uri("/__fake/wechat/phone-codes")
			.bodyValue(Map.of("phone", phone))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("code");
		web.post()
			.uri("/api/v1/auth/wechat/phone")
			.headers(h -> h.setBearerAuth(accessToken))
			.bodyValue(Map.of("code", code))
			.exchange()
			.expectStatus()
			.isOk();
	}

	public static String miniProgramToken(WebTestClient web, String openid) {
		return (String) signIn(web, openid).get("accessToken");
	}

	/**
	 * A new mini-program user, signed in through the fake, with a new phone number
	 * starting with {@code phonePrefix} bound: someone who can scan in. Their access
	 * token.
	 */
	public static String employee(WebTestClient web, String phonePrefix) {
		String token = miniProgramToken(web, "wx-" + UUID.randomUUID());
		bindPhone(web, token, Requests.phone(phonePrefix));
		return token;
	}

}
