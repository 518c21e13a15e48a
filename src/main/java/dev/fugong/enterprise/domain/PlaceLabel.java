package dev.fugong.enterprise.domain;

import java.util.UUID;

/**
 * A place as a list of visits names it: its name, and its owner's (the enterprise's, or
 * the community's for a checkpoint) id, name and zone.
 */
public record PlaceLabel(UUID placeId, String placeName, UUID ownerId, String ownerName, UUID zoneId) {

}
