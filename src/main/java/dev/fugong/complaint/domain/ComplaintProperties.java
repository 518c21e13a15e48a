package dev.fugong.complaint.domain;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of complaints ({@code fugong.complaints}).
 *
 * @param perAddress reports accepted from one client address per window
 * @param perDevice reports accepted from one device (or signed-in user) per window
 * @param window the rate limits' window
 * @param lookupsPerAddress receipt look-ups from one address per window
 * @param retention how long a complaint (text, contact) is kept
 */
@Validated
@ConfigurationProperties("fugong.complaints")
public record ComplaintProperties(@Min(1) int perAddress, @Min(1) int perDevice, @NotNull Duration window,
		@Min(1) int lookupsPerAddress, @NotNull Duration retention) {
}
