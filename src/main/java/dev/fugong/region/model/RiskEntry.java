package dev.fugong.region.model;

import java.time.Instant;

/**
 * One setting of a region's risk: {@code level} holds from {@code from} until {@code to}
 * (open when null). A later {@code setAt} overrides an earlier entry where they overlap.
 */
public record RiskEntry(String regionCode, RiskLevel level, Instant from, Instant to, Instant setAt) {

	boolean covers(Instant instant) {
		return !instant.isBefore(from) && (to == null || instant.isBefore(to));
	}

}
