package dev.fugong.scanin.domain;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.scanin.model.DenyReason;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * What a recorded scan sets off: today's live counts per place and enterprise (Redis
 * hashes), and for a fever or a DENY an alert on the Redis channel {@code scan:alerts},
 * which every pod relays to the managers and officials whose streams are open there, and
 * by WeChat subscribe message from this pod (WeChatAlerts). Alerts carry no personal
 * data: the place, the decision and its reasons.
 */
@Component
public class ScanSignals {

	private static final Logger log = LoggerFactory.getLogger(ScanSignals.class);

	static final String ALERTS = "scan:alerts";

	/** The place name of an alert raised by a health report rather than at a gate. */
	public static final String HEALTH_REPORT = "健康打卡";

	/**
	 * KEYS: place hash, enterprise hash, both tagged with the enterprise so that they
	 * share a Redis Cluster slot. ARGV: outcome field, fever (1/0), TTL seconds.
	 */
	private static final RedisScript<Long> COUNT = RedisScript.of("""
			for _, key in ipairs(KEYS) do
			  redis.call('HINCRBY', key, ARGV[1], 1)
			  if ARGV[2] == '1' then redis.call('HINCRBY', key, 'fevers', 1) end
			  redis.call('EXPIRE', key, ARGV[3])
			end
			return 1
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveRedisConnectionFactory connections;

	private final JsonMapper json;

	private final java.time.Clock clock;

	private final java.time.ZoneId zone;

	private final WeChatAlerts wechat;

	private volatile Flux<Alert> alerts;

	ScanSignals(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections, JsonMapper json,
			java.time.Clock clock, FugongProperties properties, WeChatAlerts wechat) {
		this.redis = redis;
		this.wechat = wechat;
		this.connections = connections;
		this.json = json;
		this.clock = clock;
		this.zone = properties.scans().zone();
	}

	/**
	 * Counts the scan; raises its alert, if any, without waiting for it to be delivered,
	 * whether or not the count could be written.
	 */
	Mono<Void> recorded(ScanResult result, Enterprise enterprise) {
		String day = LocalDate.now(clock.withZone(zone)).toString();
		boolean admitted = result.decision().equals("ADMIT");
		Mono<Void> count = redis
			.execute(COUNT,
					List.of(placeKey(day, enterprise.id(), result.place().id()), enterpriseKey(day, enterprise.id())),
					List.of(admitted ? "admitted" : "denied", result.feverClinic() ? "1" : "0", "172800"))
			.then();
		if (admitted && !result.feverClinic()) {
			return count;
		}
		Alert alert = new Alert(result.scanId(), enterprise.id(), enterprise.name(), enterprise.zoneId(),
				result.place().id(), result.place().name(), result.decision(), result.reasons(), result.feverClinic(),
				result.scannedAt());
		// Raised once the count has ended however it ended: a count Redis refused, or one
		// cancelled because the scan's other Redis write failed, must not silence a fever
		// (the WeChat messages do not need Redis at all).
		return count.doFinally(signal -> publish(alert));
	}

	/**
	 * A health report of 37.3 °C or more, or with symptoms (健康打卡): the same alert as a
	 * fever at the gate, to the same managers and officials, on the live stream and by
	 * WeChat, raised without waiting for delivery. Like every alert it carries no person
	 * and no temperature: the enterprise, the time and the reasons ({@code FEVER},
	 * {@code HEALTH_ABNORMAL} for symptoms).
	 * @param reportId the report's id, which stands for the scan id on the stream
	 */
	public void healthReported(UUID reportId, Enterprise enterprise, boolean fever, boolean symptoms,
			java.time.Instant reportedAt) {
		List<String> reasons = new java.util.ArrayList<>(2);
		if (fever) {
			reasons.add(DenyReason.FEVER.name());
		}
		if (symptoms) {
			reasons.add(DenyReason.HEALTH_ABNORMAL.name());
		}
		publish(new Alert(reportId, enterprise.id(), enterprise.name(), enterprise.zoneId(), null, HEALTH_REPORT,
				"DENY", reasons, true, reportedAt));
	}

	private void publish(Alert alert) {
		redis.convertAndSend(ALERTS, json.writeValueAsString(alert))
			.subscribe(null, error -> log.warn("Alert {} not published: {}", alert.scanId(), error.toString()));
		wechat.raised(alert);
	}

	/** Today's counts: for each key, {admitted, denied, fevers}. */
	public Mono<Map<String, Long>> today(UUID enterpriseId, UUID placeId) {
		String day = LocalDate.now(clock.withZone(zone)).toString();
		String key = placeId == null ? enterpriseKey(day, enterpriseId) : placeKey(day, enterpriseId, placeId);
		return redis.<String, String>opsForHash()
			.entries(key)
			.collectMap(Map.Entry::getKey, entry -> Long.parseLong(entry.getValue()))
			.map(counts -> Map.of("admitted", counts.getOrDefault("admitted", 0L), "denied",
					counts.getOrDefault("denied", 0L), "fevers", counts.getOrDefault("fevers", 0L)));
	}

	/**
	 * Alerts of the enterprises in scope, live. One Redis subscription per pod, shared by
	 * every open stream (one per stream would have Lettuce hand each alert to each).
	 */
	public Flux<Alert> alerts(Set<UUID> enterprises, Set<UUID> zones, boolean all) {
		return shared()
			.filter(alert -> all || enterprises.contains(alert.enterpriseId()) || zones.contains(alert.zoneId()));
	}

	private Flux<Alert> shared() {
		Flux<Alert> current = alerts;
		if (current == null) {
			synchronized (this) {
				current = alerts;
				if (current == null) {
					// A container of its own while anyone listens, opened off the event
					// loop
					// (its constructor connects); on a lost connection, a new one.
					current = Flux
						.usingWhen(Mono.fromCallable(() -> new ReactiveRedisMessageListenerContainer(connections)),
								container -> container.receive(ChannelTopic.of(ALERTS)),
								ReactiveRedisMessageListenerContainer::destroyLater)
						.subscribeOn(Schedulers.boundedElastic())
						.map(message -> json.readValue(message.getMessage(), Alert.class))
						.retryWhen(
								Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
						.share();
					alerts = current;
				}
			}
		}
		return current;
	}

	/**
	 * A place's counts of the day. The hash tag is its enterprise's (or community's) id,
	 * as in {@link #enterpriseKey}: the script that counts a scan writes both, and on a
	 * Redis Cluster a script's keys must be in one slot.
	 */
	static String placeKey(String day, UUID enterpriseId, UUID placeId) {
		return "scan:counts:{" + enterpriseId + "}:" + day + ":place:" + placeId;
	}

	static String enterpriseKey(String day, UUID enterpriseId) {
		return "scan:counts:{" + enterpriseId + "}:" + day;
	}

	/**
	 * A fever or a DENY at a gate, or an abnormal health report (no place: placeName
	 * {@link #HEALTH_REPORT}); no personal data.
	 */
	public record Alert(UUID scanId, UUID enterpriseId, String enterpriseName, UUID zoneId, UUID placeId,
			String placeName, String decision, List<String> reasons, boolean fever, java.time.Instant scannedAt) {
	}

}
