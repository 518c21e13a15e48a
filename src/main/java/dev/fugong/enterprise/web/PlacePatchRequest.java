package dev.fugong.enterprise.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A partial update of a place: absent or null fields stay as they are. */
record PlacePatchRequest(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") String name,
		Boolean requiresDynamicCode) {

	PlacePatchRequest {
		name = Text.strip(name);
	}

}
