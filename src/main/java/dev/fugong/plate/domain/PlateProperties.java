package dev.fugong.plate.domain;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the plates ({@code fugong.plate}).
 *
 * @param zone the district's time zone: rectification dates are its days
 * @param confirmationWindow how long a proposed RED waits for a second official before it
 * expires
 */
@Validated
@ConfigurationProperties("fugong.plate")
public record PlateProperties(@NotNull ZoneId zone, @NotNull Duration confirmationWindow) {
}
