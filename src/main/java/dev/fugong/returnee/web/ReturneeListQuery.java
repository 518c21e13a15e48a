package dev.fugong.returnee.web;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import dev.fugong.returnee.domain.ReturneeFilter;
import dev.fugong.returnee.model.ReturneeStatus;

/**
 * The query string of the returnee list and export.
 *
 * @param sort {@code arrivalAt}, {@code departedAt} or {@code registeredAt}, then
 * optionally {@code ,asc} or {@code ,desc} (the default)
 */
record ReturneeListQuery(UUID enterpriseId, UUID zoneId, ReturneeStatus status,
		@Pattern(regexp = "(arrivalAt|departedAt|registeredAt)(,(asc|desc))?") String sort,
		@Min(0) @Max(10_000) Integer page, @Min(1) @Max(200) Integer size) {

	ReturneeFilter filter() {
		ReturneeFilter.Sort by = ReturneeFilter.Sort.ARRIVAL;
		boolean ascending = false;
		if (sort != null) {
			String[] parts = sort.split(",");
			by = switch (parts[0]) {
				case "departedAt" -> ReturneeFilter.Sort.DEPARTURE;
				case "registeredAt" -> ReturneeFilter.Sort.REGISTERED;
				default -> ReturneeFilter.Sort.ARRIVAL;
			};
			ascending = parts.length > 1 && parts[1].equals("asc");
		}
		return new ReturneeFilter(enterpriseId, zoneId, status, by, ascending);
	}

	int pageOrDefault() {
		return page == null ? 0 : page;
	}

	int sizeOrDefault() {
		return size == null ? 20 : size;
	}

}
