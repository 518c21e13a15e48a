package dev.fugong.person;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of persons ({@code fugong.persons}).
 *
 * @param inactiveRetention a person with no activity for this long (no scan-in, no
 * returnee record, no health report, no account, no pass card) is deleted
 */
@ConfigurationProperties("fugong.persons")
@Validated
public record PersonProperties(@NotNull Duration inactiveRetention) {
}
