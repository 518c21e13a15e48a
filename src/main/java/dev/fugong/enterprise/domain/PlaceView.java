package dev.fugong.enterprise.domain;

/** A place with its enterprise, as a scan, a code or a poster needs them. */
public record PlaceView(Place place, Enterprise enterprise) {
}
