package dev.fugong.config;

import reactor.core.publisher.Mono;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The availability probes answered where they are asked. Boot's
 * {@code LivenessStateHealthIndicator} and {@code ReadinessStateHealthIndicator} are
 * blocking {@code HealthIndicator}s, which the reactive health endpoint runs on the
 * bounded-elastic scheduler for every call: for a state held in memory, a hand-off to
 * another thread and back per probe (and per {@code /livez} on the main port): about a
 * tenth of the service's CPU under a {@code /livez} load in a profile (issue 16; most of
 * the rest is the actuator's reflective operation invoker). These read the same
 * {@link ApplicationAvailability} and answer at once, with Boot's status mapping (BROKEN
 * is DOWN, REFUSING_TRAFFIC is OUT_OF_SERVICE). Their bean names are Boot's, so Boot
 * backs off and the probe groups ({@code livenessState}, {@code readinessState}) are
 * unchanged.
 */
@Configuration(proxyBeanMethods = false)
class ProbesConfig {

	private static final Mono<Health> UP = Mono.just(Health.up().build());

	private static final Mono<Health> DOWN = Mono.just(Health.down().build());

	private static final Mono<Health> OUT_OF_SERVICE = Mono.just(Health.status(Status.OUT_OF_SERVICE).build());

	@Bean
	ReactiveHealthIndicator livenessStateHealthIndicator(ApplicationAvailability availability) {
		return () -> availability.getLivenessState() == LivenessState.CORRECT ? UP : DOWN;
	}

	@Bean
	ReactiveHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability) {
		return () -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC ? UP : OUT_OF_SERVICE;
	}

}
