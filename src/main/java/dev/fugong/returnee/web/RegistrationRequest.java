package dev.fugong.returnee.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.fugong.returnee.domain.Registration;
import dev.fugong.returnee.domain.Transport;
import dev.fugong.returnee.model.TravelLeg;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidIdNumber;
import dev.fugong.shared.validation.ValidPhone;

/**
 * A returnee's declaration. {@code phone}, {@code name} and {@code idNumber} are for a
 * manager registering an employee (phone then required); a returnee declaring itself is
 * its bound phone. One of {@code arrivedAt} and {@code expectedArrivalAt}.
 *
 * @param contactWithCase in contact with a confirmed or suspected case in the last 14
 * days
 */
record RegistrationRequest(@ValidPhone String phone, @Size(min = 1, max = 50) @PlainText String name,
		@ValidIdNumber String idNumber, @NotNull UUID enterpriseId,
		@NotNull @Pattern(regexp = "[1-9][0-9]{5}") String originRegion, @NotNull Instant departedAt, Instant arrivedAt,
		Instant expectedArrivalAt, @NotNull Transport transport,
		@Size(max = 30) List<@Valid @NotNull LegRequest> travel, Boolean contactWithCase) {

	Registration toRegistration() {
		return new Registration(phone, name, idNumber, enterpriseId, originRegion, departedAt, arrivedAt,
				expectedArrivalAt, transport,
				travel == null ? List.of() : travel.stream().map(LegRequest::toLeg).toList(),
				Boolean.TRUE.equals(contactWithCase));
	}

	/** One leg of the route: in {@code region} from {@code from} to {@code to}. */
	record LegRequest(@NotNull @Pattern(regexp = "[1-9][0-9]{5}") String region, @NotNull Instant from,
			@NotNull Instant to) {

		TravelLeg toLeg() {
			return new TravelLeg(region, from, to);
		}

	}

}
