package dev.fugong.enterprise.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.EnterpriseChanges;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidUscc;

/**
 * A partial update: absent or null fields stay as they are; present ones obey the create
 * rules.
 */
record EnterprisePatchRequest(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*") @PlainText String name,
		@ValidUscc @PlainText String uscc, Industry industry, @Min(1) @Max(3) Integer batch, UUID zoneId,
		@Size(min = 1, max = 300) @Pattern(regexp = ".*\\S.*") @PlainText String address,
		@Min(1) @Max(1_000_000) Integer headcount, @Size(min = 1, max = 50) @PlainText String shopKind) {

	EnterprisePatchRequest {
		name = Text.strip(name);
		uscc = uscc == null ? null : uscc.strip().toUpperCase(Locale.ROOT);
		address = Text.strip(address);
		shopKind = Text.blankToNull(shopKind);
	}

	EnterpriseChanges toChanges() {
		return new EnterpriseChanges(name, uscc, industry, batch, zoneId, address, headcount, shopKind);
	}

}
