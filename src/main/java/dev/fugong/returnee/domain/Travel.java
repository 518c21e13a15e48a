package dev.fugong.returnee.domain;

import java.util.List;

import dev.fugong.returnee.model.TravelLeg;

/**
 * Where a returnee was: stored encrypted as one JSON value (location is personal data).
 *
 * @param origin the GB/T 2260 code of where it stayed before leaving
 * @param transport how it travelled
 * @param legs each leg of the route over the last 14 days
 */
public record Travel(String origin, Transport transport, List<TravelLeg> legs) {

	public Travel {
		legs = legs == null ? List.of() : List.copyOf(legs);
	}

	@Override
	public String toString() {
		return "Travel[" + legs.size() + " legs]";
	}

}
