package dev.fugong.ledger.domain;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the daily ledger ({@code fugong.ledger}).
 *
 * @param zone the district's time zone: a ledger is one of its calendar days
 * @param disinfectionRetention how long a disinfection round is kept (it names who did
 * it)
 */
@Validated
@ConfigurationProperties("fugong.ledger")
public record LedgerProperties(@NotNull ZoneId zone, @NotNull Duration disinfectionRetention) {
}
