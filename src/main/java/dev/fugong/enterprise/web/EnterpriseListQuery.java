package dev.fugong.enterprise.web;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.EnterpriseFilter;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.shared.validation.PlainText;

/** The query string of the enterprise list; bound and validated like a body. */
record EnterpriseListQuery(UUID zoneId, Industry industry, @Min(1) @Max(3) Integer batch, Plate plate,
		@Size(max = 100) @PlainText String name, @Min(0) @Max(10_000) Integer page, @Min(1) @Max(100) Integer size) {

	EnterpriseFilter filter() {
		return new EnterpriseFilter(zoneId, industry, batch, plate, name);
	}

	int pageOrDefault() {
		return page == null ? 0 : page;
	}

	int sizeOrDefault() {
		return size == null ? 20 : size;
	}

}
