package dev.fugong.returnee.model;

import java.time.Instant;

/** One leg of a returnee's route: in {@code region} from {@code from} to {@code to}. */
public record TravelLeg(String region, Instant from, Instant to) {
}
