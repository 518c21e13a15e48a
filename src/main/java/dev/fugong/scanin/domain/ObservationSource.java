package dev.fugong.scanin.domain;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * A person's observation as a returnee, for the gate decision: when it ends and, for a
 * flagged returnee (high-risk region, contact with a case), until when it must not
 * return. The returnee feature provides it; it is asked once per scan, so it must answer
 * from memory or one indexed read.
 */
public interface ObservationSource {

	/** The person's observation, or empty if the person is not observed. */
	Mono<Observation> observation(UUID personId);

	/**
	 * @param endsAt the end of the observation (the first instant the person is cleared)
	 * @param returnNotAllowedUntil until when the person must not return; null if not
	 * flagged
	 */
	record Observation(Instant endsAt, Instant returnNotAllowedUntil) {
	}

}
