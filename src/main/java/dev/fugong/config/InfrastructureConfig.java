package dev.fugong.config;

import java.time.Clock;

import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.context.annotation.Primary;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Wiring that belongs to no feature: time and validation. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InfrastructureConfig {

	/**
	 * Every "now" of the service comes from here, so 14-day windows and TTLs are
	 * testable.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Bean Validation without expression language: a message can never evaluate what a
	 * client sent (the cwa-server GHSL-2020-204 class of bug).
	 */
	@Bean
	@Primary
	static LocalValidatorFactoryBean defaultValidator() {
		LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean();
		factory.setMessageInterpolator(new ParameterMessageInterpolator());
		return factory;
	}

}
