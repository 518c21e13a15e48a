package dev.fugong.stats.domain;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the dashboards ({@code fugong.stats}).
 *
 * @param zone the district's time zone: "today" of the report coverage
 * @param debounce how long changes are gathered before their enterprises' facts are read
 * again (one transaction for all of them)
 * @param batchSize at most this many enterprises per such refresh, and per chunk of the
 * full reconciliation
 * @param reconcileEvery how often every enterprise's facts are read again, for what
 * changes without an event (observation periods ending) and any change a pod missed
 * @param reconcileDelay when the first reconciliation runs after start-up
 * @param cellsFor how long a pod shares one read of the counters among the dashboards
 * asked meanwhile
 */
@Validated
@ConfigurationProperties("fugong.stats")
public record StatsProperties(@NotNull ZoneId zone, @NotNull Duration debounce, @Min(1) @Max(10_000) int batchSize,
		@NotNull Duration reconcileEvery, @NotNull Duration reconcileDelay, @NotNull Duration cellsFor) {
}
