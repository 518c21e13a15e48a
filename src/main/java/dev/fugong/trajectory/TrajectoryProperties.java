package dev.fugong.trajectory;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of trajectory queries and contact screening ({@code fugong.trajectory}).
 *
 * @param queriesPerWindow trajectory queries one account may make per {@code rateWindow};
 * past it, 429 with Retry-After
 * @param rateWindow the window of that limit
 * @param screeningsPerWindow contact screenings one account may start per
 * {@code rateWindow}
 * @param maxVisits visits an answer holds at most (14 days of a busy commuter is a few
 * hundred)
 * @param defaultContactWindow how far apart two scans at one place count as a contact
 * @param maxContacts contacts one screening of a person lists at most
 * @param screeningRetention how long a screening's result (names people) is kept
 * @param jobConcurrency persons of an enterprise screened at once by one job
 */
@ConfigurationProperties("fugong.trajectory")
@Validated
public record TrajectoryProperties(@Min(1) @Max(100_000) int queriesPerWindow, @NotNull Duration rateWindow,
		@Min(1) @Max(10_000) int screeningsPerWindow, @Min(10) @Max(100_000) int maxVisits,
		@NotNull Duration defaultContactWindow, @Min(1) @Max(1_000_000) int maxContacts,
		@NotNull Duration screeningRetention, @Min(1) @Max(64) int jobConcurrency) {
}
