package dev.fugong.trajectory;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Warnings to the contacts of a confirmed case ({@code fugong.contact-warnings}).
 *
 * @param wechatTemplateId the mini-program's subscribe template for the warning; blank:
 * warnings are recorded (delivery DISABLED) but not sent
 * @param wechatPage the mini-program page the message opens (the health report)
 * @param retention how long a warning (who met a case) is kept
 * @param zone the time zone of the message's time
 */
@ConfigurationProperties("fugong.contact-warnings")
@Validated
public record ContactWarningProperties(String wechatTemplateId, @NotNull String wechatPage, @NotNull Duration retention,
		@NotNull ZoneId zone) {

	public boolean wechatEnabled() {
		return wechatTemplateId != null && !wechatTemplateId.isBlank();
	}

}
