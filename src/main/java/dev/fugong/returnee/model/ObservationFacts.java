package dev.fugong.returnee.model;

import java.time.Instant;

/**
 * The facts a returnee's status is derived from.
 *
 * @param arrivalAt the arrival, or the expected arrival while none is recorded
 * @param abnormalAt when a positive test or an abnormal report came; null if never
 * @param missedSlotAt the deadline of the last report slot missed while observed
 * @param lastReportAt the last health report
 */
public record ObservationFacts(Instant arrivalAt, Instant abnormalAt, Instant missedSlotAt, Instant lastReportAt) {
}
