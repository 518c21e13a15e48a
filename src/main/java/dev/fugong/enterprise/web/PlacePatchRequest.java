package dev.fugong.enterprise.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.fugong.shared.validation.PlainText;

/** A partial update of a place: absent or null fields stay as they are. */
record PlacePatchRequest(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*") @PlainText String name,
		Boolean requiresDynamicCode) {

	PlacePatchRequest {
		name = Text.strip(name);
	}

}
