package dev.fugong.inspection.web;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.fugong.enterprise.domain.Industry;

/**
 * A plan: draw at least {@code fraction} (≥ 1/3, written 0.3333 or more) of the zone's
 * (or industry's) enterprises; the same {@code seed} over the same enterprises draws the
 * same list.
 */
record PlanRequest(UUID zoneId, Industry industry, @NotNull @Digits(integer = 1, fraction = 4) BigDecimal fraction,
		@Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, - or _") String seed) {
}
