package dev.fugong.guide.domain;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the guides' platform ({@code fugong.guides}).
 *
 * @param zone the district's time zone: a report's day is its day
 * @param reminderAt the hour at which guides who have not filed the day's report are
 * reminded by WeChat subscribe message
 * @param reminderTemplateId the subscribe-message template of the reminder; blank sends
 * none
 * @param reminderPage the mini-program page the reminder opens
 * @param reminderCheckInterval how often each pod looks whether the reminder is due
 */
@Validated
@ConfigurationProperties("fugong.guides")
public record GuideProperties(@NotNull ZoneId zone, @NotNull LocalTime reminderAt, String reminderTemplateId,
		@NotBlank String reminderPage, @NotNull Duration reminderCheckInterval) {

	public boolean remindersEnabled() {
		return reminderTemplateId != null && !reminderTemplateId.isBlank();
	}

}
