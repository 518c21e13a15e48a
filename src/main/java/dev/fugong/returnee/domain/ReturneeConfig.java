package dev.fugong.returnee.domain;

import java.time.Clock;
import java.time.Duration;

import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.model.FlagRules;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.SlotRules;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The returnee feature's settings and its rules, built from them once. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReturneeProperties.class)
class ReturneeConfig {

	@Bean
	ObservationRules observationRules(Clock clock, ReturneeProperties properties) {
		return new ObservationRules(clock, properties.zone(), properties.observationDays(),
				properties.preArrivalDays());
	}

	@Bean
	SlotRules slotRules(ReturneeProperties properties) {
		var reports = properties.reports();
		return new SlotRules(properties.zone(), reports.morningDeadline(), reports.afternoonOpens(),
				reports.afternoonDeadline());
	}

	@Bean
	FlagRules flagRules(ReturneeProperties properties, RegionCatalog regions) {
		// Seed 004: travel and contacts of the last 14 days count, whatever the
		// observation length a district chose.
		return new FlagRules(Duration.ofDays(14), regions::chain);
	}

}
