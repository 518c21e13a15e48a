package dev.fugong.enterprise.domain;

/**
 * A place with its owner, as a scan, a code or a poster needs them. For a community's
 * checkpoint {@code enterprise} is the community as owner ({@link Community#asOwner()}):
 * its id, name and zone, no plate, operating.
 */
public record PlaceView(Place place, Enterprise enterprise) {

	/** Whether the place is a community's checkpoint rather than an enterprise's. */
	public boolean community() {
		return place.communityId() != null;
	}

}
