package dev.fugong.scanin.model;

import java.time.Instant;

/**
 * Everything the gate rules read about one scan, gathered by the caller.
 *
 * @param observationEndsAt when the person's observation ends (arrival + 14 days), or
 * null if the person is not a returnee in observation
 * @param healthAbnormal the person's health status is abnormal
 * @param temperatureTenths the measured temperature in tenths of a degree (373 for 37.3
 * °C), or null if none was taken
 * @param enterpriseRedPlate the enterprise is on a red plate
 * @param enterpriseSuspended the enterprise is suspended
 * @param placeRequiresDynamicCode the place admits only with the gate screen's code
 * @param dynamicCodeUsed the scan used the gate screen's code
 * @param returnNotAllowedUntil until when a flagged returnee (high-risk region, contact
 * with a case) must not return, or null if the person is not flagged
 */
public record GateFacts(Instant observationEndsAt, boolean healthAbnormal, Integer temperatureTenths,
		boolean enterpriseRedPlate, boolean enterpriseSuspended, boolean placeRequiresDynamicCode,
		boolean dynamicCodeUsed, Instant returnNotAllowedUntil) {

	/** The facts of a person who is not a flagged returnee. */
	public GateFacts(Instant observationEndsAt, boolean healthAbnormal, Integer temperatureTenths,
			boolean enterpriseRedPlate, boolean enterpriseSuspended, boolean placeRequiresDynamicCode,
			boolean dynamicCodeUsed) {
		this(observationEndsAt, healthAbnormal, temperatureTenths, enterpriseRedPlate, enterpriseSuspended,
				placeRequiresDynamicCode, dynamicCodeUsed, null);
	}

}
