package dev.fugong.guide.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.auth.domain.UserDirectory.AlertRecipient;
import dev.fugong.guide.model.ReminderSchedule;
import dev.fugong.guide.model.Stationing;
import dev.fugong.wechat.AccessTokenProvider;
import dev.fugong.wechat.WeChatClient;
import dev.fugong.wechat.WeChatClient.SubscribeMessage;
import dev.fugong.wechat.WeChatError;
import dev.fugong.wechat.WeChatException;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At {@code fugong.guides.reminder-at} the guides of every enterprise that has not filed
 * the day's report get a WeChat subscribe message: one per guide, naming its enterprise
 * (or the first and how many). Every pod looks each minute; a guide is reminded once a
 * day whichever pods look (a Redis key per guide and day, claimed before sending and
 * given back if the message could not be sent, so a later look tries again).
 * <p>
 * Counted in {@code fugong.guides.reminders} by outcome: sent, refused (the guide granted
 * no subscription), failed.
 */
@Component
public class GuideReminders {

	private static final Logger log = LoggerFactory.getLogger(GuideReminders.class);

	/** WeChat's limit for a {@code thing} field, in characters. */
	private static final int THING_LENGTH = 20;

	private final GuideReportService reports;

	private final UserDirectory users;

	private final AccessTokenProvider tokens;

	private final WeChatClient client;

	private final ReactiveStringRedisTemplate redis;

	private final MeterRegistry meters;

	private final GuideProperties properties;

	private final ReminderSchedule schedule;

	private final AtomicReference<LocalDate> lastReminded = new AtomicReference<>();

	GuideReminders(GuideReportService reports, UserDirectory users, AccessTokenProvider tokens, WeChatClient client,
			ReactiveStringRedisTemplate redis, MeterRegistry meters, GuideProperties properties, Clock clock) {
		this.reports = reports;
		this.users = users;
		this.tokens = tokens;
		this.client = client;
		this.redis = redis;
		this.meters = meters;
		this.properties = properties;
		this.schedule = new ReminderSchedule(clock, properties.zone(), properties.reminderAt());
		if (!properties.remindersEnabled()) {
			log.info("No reminder template (fugong.guides.reminder-template-id): guides are not reminded by WeChat");
		}
	}

	@Scheduled(fixedDelayString = "${fugong.guides.reminder-check-interval}", initialDelayString = "PT30S")
	void scheduled() {
		if (!properties.remindersEnabled()) {
			return;
		}
		schedule.due(lastReminded.get()).ifPresent(day -> {
			lastReminded.set(day);
			remind(day).subscribe(sent -> {
				if (sent > 0) {
					log.info("Reminded {} guides of the day's report", sent);
				}
			}, error -> {
				// Looked at again in a minute.
				lastReminded.compareAndSet(day, null);
				log.warn("Guide reminders failed; tried again shortly: {}", error.toString());
			});
		});
	}

	/**
	 * Reminds the guides of every enterprise owing the day's report that have not been
	 * reminded of that day yet.
	 * @return how many messages were sent
	 */
	public Mono<Integer> remind(LocalDate day) {
		if (!properties.remindersEnabled()) {
			return Mono.just(0);
		}
		return reports.missingEverywhere(day).flatMap(owing -> {
			Map<UUID, List<String>> byGuide = new LinkedHashMap<>();
			for (GuideReportService.Owing one : owing) {
				for (Stationing guide : one.guides()) {
					byGuide.computeIfAbsent(guide.guideUserId(), id -> new ArrayList<>()).add(one.enterprise().name());
				}
			}
			return users.recipients(byGuide.keySet())
				.flatMap(recipient -> remind(day, recipient, byGuide.get(recipient.userId())), 4)
				.reduce(0, Integer::sum);
		});
	}

	private Mono<Integer> remind(LocalDate day, AlertRecipient guide, List<String> enterprises) {
		String key = "guide:reminder:" + day + ":" + guide.userId();
		return redis.opsForValue().setIfAbsent(key, "1", Duration.ofDays(2)).flatMap(first -> {
			if (!first) {
				return Mono.just(0);
			}
			return tokens.withToken(token -> client.sendSubscribeMessage(token, message(day, guide, enterprises)))
				.then(Mono.fromCallable(() -> {
					count("sent");
					return 1;
				}))
				.onErrorResume(error -> error instanceof WeChatException wx && wx.error() == WeChatError.USER_REFUSED,
						error -> {
							count("refused");
							return Mono.just(0);
						})
				.onErrorResume(error -> {
					count("failed");
					log.warn("Reminder to guide {} not sent: {}", guide.userId(), error.toString());
					// Not sent: the next look tries again.
					return redis.delete(key).thenReturn(0);
				});
		});
	}

	private SubscribeMessage message(LocalDate day, AlertRecipient guide, List<String> enterprises) {
		String what = enterprises.size() == 1 ? enterprises.get(0)
				: cut(enterprises.get(0), THING_LENGTH - 4) + "等" + enterprises.size() + "家";
		return new SubscribeMessage(guide.openid(), properties.reminderTemplateId(),
				properties.reminderPage() + "?date=" + day, Map.of("thing1", value(cut(what, THING_LENGTH)), "date2",
						value(day.toString()), "thing3", value("今日指导员日报尚未填报")));
	}

	private static Map<String, String> value(String value) {
		return Map.of("value", value);
	}

	/** At most {@code length} characters, cut with an ellipsis. */
	static String cut(String text, int length) {
		if (text.codePointCount(0, text.length()) <= length) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, length - 1)) + "…";
	}

	private void count(String outcome) {
		meters.counter("fugong.guides.reminders", "outcome", outcome).increment();
	}

}
