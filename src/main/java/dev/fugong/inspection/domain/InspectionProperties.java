package dev.fugong.inspection.domain;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of inspections ({@code fugong.inspection}).
 *
 * @param alwaysIncludeHeadcount enterprises with this many staff or more are in every
 * inspection plan
 * @param defaultRectifyDays days to rectify after a failed inspection, unless the
 * inspector sets a date
 * @param maxPhotoSize the largest photo of an item
 * @param photoRetention how long photos are kept (they may show people)
 */
@Validated
@ConfigurationProperties("fugong.inspection")
public record InspectionProperties(@Min(1) int alwaysIncludeHeadcount, @Min(1) @Max(90) int defaultRectifyDays,
		@NotNull DataSize maxPhotoSize, @NotNull Duration photoRetention) {
}
