package dev.fugong.application.domain;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of enterprise applications ({@code fugong.applications}).
 *
 * @param perUser applications one user may submit per {@code window}
 * @param window the rate limit's window
 */
@Validated
@ConfigurationProperties("fugong.applications")
public record ApplicationProperties(@Min(1) int perUser, @NotNull Duration window) {
}
