package dev.fugong.scanin.domain;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * When a person's 14-day observation as a returnee ends, if it has not ended yet. The
 * returnee feature fills this in; until it exists no one is in observation
 * (NoReturneesYet).
 */
public interface ObservationSource {

	/** The end of the person's observation, or empty if the person is not observed. */
	Mono<Instant> observationEndsAt(UUID personId);

}
