package dev.fugong.trajectory.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.shared.validation.PlainText;
import dev.fugong.shared.validation.ValidPhone;
import dev.fugong.trajectory.model.Purpose;

/**
 * A trajectory query: the phone in the body, never in a URL (URLs reach access logs and
 * proxies).
 *
 * @param days 1 to 14; 14 if absent
 * @param purpose why, from the list
 * @param note what the purpose is about, in a few words; required for OTHER
 */
record TrajectoryQueryRequest(@NotBlank @ValidPhone String phone, @Min(1) @Max(14) Integer days,
		@NotNull Purpose purpose, @Size(max = 200) @PlainText String note) {

	int daysOrDefault() {
		return days == null ? 14 : days;
	}

	@AssertTrue(message = "is required when the purpose is OTHER")
	boolean isNote() {
		return purpose != Purpose.OTHER || (note != null && !note.isBlank());
	}

	@Override
	public String toString() {
		return "TrajectoryQueryRequest[days=" + days + ", purpose=" + purpose + "]";
	}

}
