package dev.fugong.trajectory.web;

import java.util.UUID;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidPhone;
import dev.fugong.trajectory.model.Purpose;

/**
 * A contact screening: of the person with {@code phone}, or of every returnee of
 * {@code enterpriseId} (exactly one of them).
 *
 * @param days 1 to 14; 14 if absent
 * @param windowMinutes how far apart two scans at one place count as a contact, 1 to 240;
 * 30 if absent
 */
record ContactScreeningRequest(@ValidPhone String phone, UUID enterpriseId, @Min(1) @Max(14) Integer days,
		@Min(1) @Max(240) Integer windowMinutes, @NotNull Purpose purpose, @Size(max = 200) @PlainText String note) {

	@AssertTrue(message = "exactly one of phone and enterpriseId is required")
	boolean isEnterpriseId() {
		return (phone == null) != (enterpriseId == null);
	}

	@AssertTrue(message = "is required when the purpose is OTHER")
	boolean isNote() {
		return purpose != Purpose.OTHER || (note != null && !note.isBlank());
	}

	@Override
	public String toString() {
		return "ContactScreeningRequest[enterpriseId=" + enterpriseId + ", days=" + days + "]";
	}

}
