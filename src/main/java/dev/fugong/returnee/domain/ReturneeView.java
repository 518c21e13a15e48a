package dev.fugong.returnee.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.ReturneeStatus;

/**
 * A returnee as people at desks see it: name, phone and ID number masked.
 *
 * @param travel the route; only in the one-returnee view
 * @param tests nucleic-acid tests; only in the one-returnee view
 * @param reports the person's health reports of the observation; only in the one-returnee
 * view
 */
public record ReturneeView(UUID id, String maskedName, String maskedPhone, String maskedIdNumber, UUID enterpriseId,
		String enterpriseName, String originRegion, String originName, Transport transport, Instant departedAt,
		Instant arrivedAt, Instant expectedArrivalAt, Instant observationEndsAt, ReturneeStatus status,
		List<Flag> flags, String source, Instant registeredAt, List<Leg> travel, List<TestView> tests,
		List<HealthReportView> reports) {

	/** One leg of the route, with the region's name. */
	public record Leg(String region, String regionName, Instant from, Instant to) {
	}

	public record TestView(UUID id, Instant takenAt, TestResult result, Instant recordedAt) {
	}

	/** A health report as its managers see it. */
	public record HealthReportView(UUID id, Instant reportedAt, String slot, java.math.BigDecimal temperature,
			List<String> symptoms, boolean abnormal) {
	}

}
