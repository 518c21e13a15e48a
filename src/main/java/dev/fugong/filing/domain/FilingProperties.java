package dev.fugong.filing.domain;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import dev.fugong.filing.model.FilingMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of filings ({@code fugong.filing}).
 *
 * @param defaultMode the mode until the district first switches it
 * @param maxFileSize the largest file a filing takes
 * @param maxFiles files per filing
 * @param fileRetention how long an uploaded file is kept (it may hold personal data)
 */
@Validated
@ConfigurationProperties("fugong.filing")
public record FilingProperties(@NotNull FilingMode defaultMode, @NotNull DataSize maxFileSize,
		@Min(1) @Max(100) int maxFiles, @NotNull Duration fileRetention) {
}
