package dev.fugong.wechat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.fugong.config.FugongProperties;

import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The WeChat server API, as this service uses it. Every call has a timeout; only calls
 * that spend no code are retried, and only when WeChat says it is busy. The AppSecret and
 * session keys never leave this class's calls to WeChat: nothing here logs a request or a
 * response body.
 */
@Component
public class WeChatClient {

	private final WebClient web;

	private final FugongProperties.Wechat settings;

	private final Environment environment;

	WeChatClient(WebClient.Builder builder, FugongProperties properties, Environment environment) {
		this.web = builder.build();
		this.settings = properties.wechat();
		this.environment = environment;
	}

	/** code2Session: spends the login code, so it is never retried. */
	public Mono<Session> code2Session(String code) {
		return web.get()
			.uri(baseUrl() + "/sns/jscode2session?appid={appid}&secret={secret}&js_code={code}"
					+ "&grant_type=authorization_code", settings.appId(), settings.appSecret(), code)
			.retrieve()
			.bodyToMono(SessionResponse.class)
			.timeout(settings.timeout())
			.flatMap(response -> response.errcode() != null && response.errcode() != 0
					? Mono.error(new WeChatException(response.errcode()))
					: Mono.just(new Session(response.openid(), response.unionid(), response.sessionKey())));
	}

	/** The stable access token ({@code /cgi-bin/stable_token}); safe to retry. */
	public Mono<AccessToken> stableToken(boolean forceRefresh) {
		return web.post()
			.uri(baseUrl() + "/cgi-bin/stable_token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("grant_type", "client_credential", "appid", settings.appId(), "secret",
					settings.appSecret(), "force_refresh", forceRefresh))
			.retrieve()
			.bodyToMono(TokenResponse.class)
			.timeout(settings.timeout())
			.flatMap(response -> response.errcode() != null && response.errcode() != 0
					? Mono.error(new WeChatException(response.errcode()))
					: Mono.just(new AccessToken(response.accessToken(), response.expiresIn())))
			.retryWhen(retryWhenBusy());
	}

	/** getuserphonenumber: spends the phone code, so it is never retried. */
	public Mono<PhoneNumber> phoneNumber(String accessToken, String code) {
		return web.post()
			.uri(baseUrl() + "/wxa/business/getuserphonenumber?access_token={token}", accessToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", code))
			.retrieve()
			.bodyToMono(PhoneResponse.class)
			.timeout(settings.timeout())
			.flatMap(response -> response.errcode() != null && response.errcode() != 0
					? Mono.error(new WeChatException(response.errcode()))
					: Mono.just(new PhoneNumber(response.phoneInfo().purePhoneNumber(),
							response.phoneInfo().countryCode())));
	}

	/** subscribeMessage.send. A retry could deliver twice, so it is not retried. */
	public Mono<Void> sendSubscribeMessage(String accessToken, SubscribeMessage message) {
		return web.post()
			.uri(baseUrl() + "/cgi-bin/message/subscribe/send?access_token={token}", accessToken)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(message)
			.retrieve()
			.bodyToMono(ErrorResponse.class)
			.timeout(settings.timeout())
			.flatMap(response -> response.errcode() != null && response.errcode() != 0
					? Mono.error(new WeChatException(response.errcode())) : Mono.<Void>empty());
	}

	private String baseUrl() {
		// Resolved per call: the local profile's fake listens on a port known only after
		// start-up.
		return environment.resolveRequiredPlaceholders(settings.baseUrl());
	}

	private static Retry retryWhenBusy() {
		return Retry.backoff(2, Duration.ofMillis(200))
			.filter(ex -> ex instanceof WeChatException wx && wx.error() == WeChatError.BUSY)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure());
	}

	/** What code2Session returns; {@code sessionKey} must never leave the server. */
	public record Session(String openid, String unionid, String sessionKey) {

		@Override
		public String toString() {
			return "Session[openid=" + openid + ", sessionKey=***]";
		}

	}

	public record AccessToken(String value, long expiresInSeconds) {

		@Override
		public String toString() {
			return "AccessToken[***, expiresIn=" + expiresInSeconds + "]";
		}

	}

	public record PhoneNumber(String purePhoneNumber, String countryCode) {

		@Override
		public String toString() {
			return "PhoneNumber[***]";
		}

	}

	public record SubscribeMessage(String touser, @JsonProperty("template_id") String templateId, String page,
			Map<String, Map<String, String>> data) {
	}

	record SessionResponse(Integer errcode, String errmsg, String openid, String unionid,
			@JsonProperty("session_key") String sessionKey) {
	}

	record TokenResponse(Integer errcode, String errmsg, @JsonProperty("access_token") String accessToken,
			@JsonProperty("expires_in") Long expiresIn) {
	}

	record PhoneResponse(Integer errcode, String errmsg, @JsonProperty("phone_info") PhoneInfo phoneInfo) {
	}

	record PhoneInfo(String phoneNumber, String purePhoneNumber, String countryCode) {
	}

	record ErrorResponse(Integer errcode, String errmsg) {
	}

}
