package dev.fugong.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the service that is not Spring's own. Validated at start-up, so a
 * misconfigured pod fails to start instead of failing its first request.
 */
@Validated
@ConfigurationProperties("fugong")
public record FugongProperties(@Valid @NotNull Security security, @Valid @NotNull Crypto crypto,
		@Valid @NotNull Http http, @Valid @NotNull Wechat wechat, @Valid @NotNull Codes codes,
		@Valid @NotNull Scans scans, @Valid @NotNull Alerts alerts, @Valid @NotNull Retention retention) {

	/**
	 * How long records are kept ({@code shared.retention}); scan-ins have theirs in
	 * {@link Scans#retention()}.
	 *
	 * @param auditEvents the audit trail: longer than what it records
	 * @param expiredRefreshTokens refresh tokens past their expiry
	 */
	public record Retention(@NotNull Duration auditEvents, @NotNull Duration expiredRefreshTokens) {
	}

	/**
	 * @param issuer the {@code iss} of every token this service issues and accepts
	 * @param signingKeys HMAC-SHA256 keys; the first signs, all verify (rotation)
	 * @param accessTokenTtl lifetime of an access token
	 * @param refreshTokenTtl lifetime of a refresh token (each refresh gives a new one)
	 * @param maxTokenLength tokens longer than this are refused before parsing
	 * @param maxGrantsPerToken a user holding more grants than this cannot sign in (its
	 * tokens would grow past {@code maxTokenLength}; see ADR 0006)
	 * @param logins how often one may sign in
	 */
	public record Security(@NotBlank String issuer, @NotEmpty List<@Valid SigningKey> signingKeys,
			@NotNull Duration accessTokenTtl, @NotNull Duration refreshTokenTtl, int maxTokenLength,
			@Min(1) @Max(64) int maxGrantsPerToken, @Valid @NotNull Logins logins) {
	}

	/**
	 * Mini-program sign-ins allowed per minute. A {@code wx.login} code is minted by
	 * WeChat and valid once, so it cannot be guessed: what is limited is one account
	 * signing in over and over, and a client whose codes keep failing.
	 *
	 * @param perAddress sign-ins from one client address: generous, because a plant's NAT
	 * (or a mobile carrier's, the usual case in China) puts hundreds of people behind one
	 * address at a shift start
	 * @param failuresPerAddress code exchanges WeChat refused, from one address; past it
	 * the address waits for the end of the window, without WeChat being asked
	 * @param perUser sign-ins of one WeChat user, from any address
	 */
	public record Logins(@Min(1) int perAddress, @Min(1) int failuresPerAddress, @Min(1) int perUser) {
	}

	/**
	 * @param id the key id, written as {@code kid} in token headers
	 * @param secret base64 of at least 32 random bytes
	 */
	public record SigningKey(@NotBlank @Size(max = 32) String id, @NotBlank @Size(min = 44) String secret) {

		@Override
		public String toString() {
			return "SigningKey[id=" + id + ", secret=***]";
		}

	}

	/**
	 * Place codes, gate screen codes, pass codes and pass cards
	 * (docs/adr/0004-signed-codes.md).
	 *
	 * @param baseUrl scheme and host every code's URL starts with
	 * ({@code <baseUrl>/q/...}); WeChat's "scan an ordinary link to open the
	 * mini-program" rule is registered for it
	 * @param keys HMAC-SHA256 keys with one-byte ids; the first signs, all verify
	 * @param withdrawnKeyIds ids of keys taken out of use: every code they signed is
	 * refused as withdrawn
	 * @param dynamicStep how often a gate screen's code changes (the previous one still
	 * passes)
	 * @param passCodeTtl lifetime of a personal pass code
	 */
	public record Codes(@NotBlank @Pattern(regexp = "https?://[A-Za-z0-9.-]+(:[0-9]+)?") String baseUrl,
			@NotEmpty List<@Valid CodeKey> keys, @NotNull List<@Min(0) @Max(255) Integer> withdrawnKeyIds,
			@NotNull Duration dynamicStep, @NotNull Duration passCodeTtl) {
	}

	/**
	 * Gate scan-ins.
	 *
	 * @param zone the district's time zone: days, partitions and live counts follow it
	 * @param retention scan-ins older than this are dropped, a day's partition at a time
	 * @param partitionsAhead days of partitions kept created ahead
	 * @param dedupWindow a second scan of the same place by the same person within this
	 * window is recorded once, unless it carries new information
	 * @param queueCapacity scans waiting to be written; when full, scans get 503
	 * @param maxBatchSize rows written by one INSERT
	 * @param maxConcurrentBatches INSERTs in flight at once (database connections used)
	 * @param writeTimeout a batch not committed by then fails its scans with 503
	 * @param readTimeout what a scan reads before its decision (the place, the person,
	 * their status) not read by then is a 503: a hung database must not hang the gate
	 */
	public record Scans(@NotNull ZoneId zone, @NotNull Duration retention, @Min(1) @Max(60) int partitionsAhead,
			@NotNull Duration dedupWindow, @Min(1) int queueCapacity, @Min(1) @Max(2000) int maxBatchSize,
			@Min(1) @Max(64) int maxConcurrentBatches, @NotNull Duration writeTimeout, @NotNull Duration readTimeout) {
	}

	/**
	 * Fevers and denied entries told to enterprise managers and the zone's officials by
	 * WeChat subscribe message (the console's live stream has every one of them).
	 *
	 * @param wechatTemplateId the subscribe-message template registered for the
	 * mini-program (fields thing1 place, time2 time, phrase3 outcome, thing4 reasons);
	 * blank: no WeChat messages are sent
	 * @param wechatPage the mini-program page a message opens
	 * @param wechatInterval at most one message per recipient, enterprise and kind
	 * (fever, denied) within this interval: each one spends a subscription the user
	 * granted, and a red plate denies a whole shift at once
	 * @param wechatQueueCapacity alerts waiting to be sent; past it they are dropped (and
	 * counted), never holding up a scan
	 * @param wechatConcurrency messages sent at once
	 */
	public record Alerts(String wechatTemplateId, @NotBlank String wechatPage, @NotNull Duration wechatInterval,
			@Min(1) int wechatQueueCapacity, @Min(1) @Max(64) int wechatConcurrency) {

		public boolean wechatEnabled() {
			return wechatTemplateId != null && !wechatTemplateId.isBlank();
		}

	}

	/**
	 * @param id 0–255, written into every code
	 * @param secret base64 of at least 32 random bytes
	 */
	public record CodeKey(@Min(0) @Max(255) int id, @NotBlank @Size(min = 44) String secret) {

		@Override
		public String toString() {
			return "CodeKey[id=" + id + ", secret=***]";
		}

	}

	/**
	 * @param aeadKeyset Tink JSON keyset (AES-256-GCM) encrypting personal data at rest
	 * @param lookupKeyset Tink JSON keyset (HMAC-SHA256 PRF) for keyed lookup hashes
	 */
	public record Crypto(@NotBlank String aeadKeyset, @NotBlank String lookupKeyset) {

		@Override
		public String toString() {
			return "Crypto[aeadKeyset=***, lookupKeyset=***]";
		}

	}

	/**
	 * @param maxBodySize requests with a larger body are refused with 413 before being
	 * read
	 * @param cacheStaticFiles keep the console's files in memory after their first read;
	 * off in the local profile, so an edited page shows on reload
	 * @param trustedProxies addresses or CIDR ranges of the proxies (the ingress) whose
	 * {@code X-Forwarded-For} and {@code Forwarded} headers name the client; empty: no
	 * proxy is trusted and the headers are ignored
	 */
	public record Http(@NotNull DataSize maxBodySize, boolean cacheStaticFiles,
			@NotNull List<@NotBlank String> trustedProxies) {
	}

	/**
	 * @param baseUrl the WeChat server API; placeholders such as
	 * {@code ${local.server.port}} are resolved at call time, so the local profile can
	 * point at its in-process fake
	 * @param appId the mini-program's AppID
	 * @param appSecret the AppSecret: never logged, never sent anywhere but WeChat
	 * @param timeout per call
	 */
	public record Wechat(@NotBlank String baseUrl, @NotBlank String appId, @NotBlank String appSecret,
			@NotNull Duration timeout) {

		@Override
		public String toString() {
			return "Wechat[baseUrl=" + baseUrl + ", appId=" + appId + ", appSecret=***]";
		}

	}

}
