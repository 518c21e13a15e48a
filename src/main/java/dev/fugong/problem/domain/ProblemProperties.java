package dev.fugong.problem.domain;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of enterprises' difficulties ({@code fugong.problems}).
 *
 * @param overdueAfter how long a problem may stay unresolved before it is overdue and
 * surfaces to the officials of the enterprise's zone
 */
@Validated
@ConfigurationProperties("fugong.problems")
public record ProblemProperties(@NotNull Duration overdueAfter) {
}
