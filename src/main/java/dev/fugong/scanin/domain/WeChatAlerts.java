package dev.fugong.scanin.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.auth.domain.UserDirectory.AlertRecipient;
import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.scanin.model.DenyReason;
import dev.fugong.wechat.AccessTokenProvider;
import dev.fugong.wechat.WeChatClient;
import dev.fugong.wechat.WeChatClient.SubscribeMessage;
import dev.fugong.wechat.WeChatError;
import dev.fugong.wechat.WeChatException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells an enterprise's managers and the officials of its zone (and the zones above it)
 * of a fever or a denied entry, by WeChat subscribe message. Off the scan's path: an
 * alert joins a bounded queue and the scan is answered at once; when the queue is full
 * the alert is dropped for WeChat (and counted) but still reaches the console's live
 * stream. Only the pod that recorded the scan sends, so each alert is sent once.
 * <p>
 * Each message spends one subscription the recipient granted, and a red plate turns a
 * whole shift away, so each recipient gets at most one message per enterprise and kind
 * (fever, denied) within {@code fugong.alerts.wechat-interval}; the console has every
 * alert. Messages name the place, the time, the outcome and the reasons: never the person
 * or a temperature.
 * <p>
 * Counted in the {@code fugong.alerts.wechat} meter by outcome: sent, throttled, refused
 * (the recipient granted no subscription), failed, dropped.
 */
@Component
class WeChatAlerts implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WeChatAlerts.class);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** WeChat's limit for a {@code thing} field, in characters. */
	private static final int THING_LENGTH = 20;

	private final FugongProperties.Alerts settings;

	private final ZoneId zone;

	private final EnterpriseService enterprises;

	private final UserDirectory users;

	private final AccessTokenProvider tokens;

	private final WeChatClient client;

	private final ReactiveStringRedisTemplate redis;

	private final MeterRegistry meters;

	private final Sinks.Many<ScanSignals.Alert> queue;

	private final Disposable sending;

	/** An enterprise's recipients, a minute: a shift's alerts need them once. */
	private final AsyncCache<UUID, List<AlertRecipient>> recipients = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.maximumSize(10_000)
		.buildAsync();

	WeChatAlerts(FugongProperties properties, EnterpriseService enterprises, UserDirectory users,
			AccessTokenProvider tokens, WeChatClient client, ReactiveStringRedisTemplate redis, MeterRegistry meters) {
		this.settings = properties.alerts();
		this.zone = properties.scans().zone();
		this.enterprises = enterprises;
		this.users = users;
		this.tokens = tokens;
		this.client = client;
		this.redis = redis;
		this.meters = meters;
		this.queue = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<ScanSignals.Alert>get(settings.wechatQueueCapacity()).get());
		this.sending = queue.asFlux().flatMap(alert -> deliver(alert).onErrorResume(error -> {
			log.warn("Alert {} not sent by WeChat: {}", alert.scanId(), error.toString());
			count("failed");
			return Mono.empty();
		}), settings.wechatConcurrency()).subscribe();
		if (!settings.wechatEnabled()) {
			log.info("No WeChat alert template (fugong.alerts.wechat-template-id): alerts go to the console only");
		}
	}

	/** Queues the alert for WeChat; returns at once. */
	void raised(ScanSignals.Alert alert) {
		if (!settings.wechatEnabled()) {
			return;
		}
		Sinks.EmitResult result;
		// Emitters are many event-loop threads; the sink takes one at a time.
		synchronized (queue) {
			result = queue.tryEmitNext(alert);
		}
		if (result.isFailure()) {
			count("dropped");
		}
	}

	private Mono<Void> deliver(ScanSignals.Alert alert) {
		return Mono
			.fromFuture(() -> recipients.get(alert.enterpriseId(),
					(id, executor) -> enterprises.zonePath(alert.zoneId())
						.flatMap(zones -> users.alertRecipients(id, zones).collectList())
						.toFuture()),
					true)
			.flatMapMany(Flux::fromIterable)
			.flatMap(recipient -> deliver(alert, recipient))
			.then();
	}

	private Mono<Void> deliver(ScanSignals.Alert alert, AlertRecipient recipient) {
		String kind = alert.fever() ? "fever" : "denied";
		String throttle = "alert:wechat:" + recipient.userId() + ":" + alert.enterpriseId() + ":" + kind;
		return redis.opsForValue()
			.setIfAbsent(throttle, alert.scanId().toString(), settings.wechatInterval())
			.flatMap(first -> {
				if (!first) {
					count("throttled");
					return Mono.empty();
				}
				return tokens.withToken(token -> client.sendSubscribeMessage(token, message(alert, recipient)))
					.doOnSuccess(done -> count("sent"))
					.onErrorResume(
							error -> error instanceof WeChatException wx && wx.error() == WeChatError.USER_REFUSED,
							error -> {
								count("refused");
								return Mono.empty();
							})
					// Not delivered: the next alert may try again.
					.onErrorResume(error -> redis.delete(throttle).then(Mono.error(error)));
			});
	}

	private SubscribeMessage message(ScanSignals.Alert alert, AlertRecipient recipient) {
		String reasons = alert.reasons()
			.stream()
			.map(reason -> DenyReason.valueOf(reason).label())
			.collect(Collectors.joining("、"));
		return new SubscribeMessage(recipient.openid(), settings.wechatTemplateId(),
				settings.wechatPage() + "?scanId=" + alert.scanId(),
				Map.of("thing1", value(thing(alert.placeName() + " " + alert.enterpriseName())), "time2",
						value(TIME.format(alert.scannedAt().atZone(zone))), "phrase3",
						value(alert.fever() ? "体温异常" : "拒绝进入"), "thing4", value(thing(reasons))));
	}

	private static Map<String, String> value(String value) {
		return Map.of("value", value);
	}

	/** At most WeChat's 20 characters, cut with an ellipsis. */
	static String thing(String text) {
		if (text.codePointCount(0, text.length()) <= THING_LENGTH) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, THING_LENGTH - 1)) + "…";
	}

	private void count(String outcome) {
		meters.counter("fugong.alerts.wechat", "outcome", outcome).increment();
	}

	@Override
	public void destroy() {
		sending.dispose();
	}

}
