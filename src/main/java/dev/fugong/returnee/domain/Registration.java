package dev.fugong.returnee.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.returnee.model.TravelLeg;

/**
 * A returnee's declaration, by itself or by its manager. Phone, name and ID number are
 * the manager's to give; a returnee declaring itself is its bound phone.
 */
public record Registration(String phone, String name, String idNumber, UUID enterpriseId, String originRegion,
		Instant departedAt, Instant arrivedAt, Instant expectedArrivalAt, Transport transport, List<TravelLeg> travel,
		boolean contactWithCase) {

	public Registration {
		travel = travel == null ? List.of() : List.copyOf(travel);
	}

	@Override
	public String toString() {
		return "Registration[enterpriseId=" + enterpriseId + "]";
	}

}
