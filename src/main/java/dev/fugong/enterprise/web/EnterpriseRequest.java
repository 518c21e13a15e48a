package dev.fugong.enterprise.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.EnterpriseChanges;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidUscc;

/**
 * Registering an enterprise. Strings are trimmed and the USCC upper-cased before
 * validation.
 */
record EnterpriseRequest(@NotBlank @Size(max = 200) @PlainText String name, @NotNull @ValidUscc @PlainText String uscc,
		@NotNull Industry industry, @NotNull @Min(1) @Max(3) Integer batch, @NotNull UUID zoneId,
		@NotBlank @Size(max = 300) @PlainText String address, @NotNull @Min(1) @Max(1_000_000) Integer headcount,
		@Size(min = 1, max = 50) @PlainText String shopKind) {

	EnterpriseRequest {
		name = Text.strip(name);
		uscc = uscc == null ? null : uscc.strip().toUpperCase(Locale.ROOT);
		address = Text.strip(address);
		shopKind = Text.blankToNull(shopKind);
	}

	EnterpriseChanges toChanges() {
		return new EnterpriseChanges(name, uscc, industry, batch, zoneId, address, headcount, shopKind);
	}

}
