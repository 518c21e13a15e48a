package dev.fugong.guide.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.guide.model.Figures;
import dev.fugong.shared.validation.PlainText;

/**
 * A guide's daily report (指导员日报): staff back at work (of whom local and from out of
 * town), planned to return, in observation, and notes. {@code date} is today (omitted:
 * today); filing again the same day amends.
 */
@Schema(name = "GuideReportRequest")
record ReportRequest(@NotNull UUID enterpriseId, LocalDate date, @NotNull @Min(0) @Max(1_000_000) Integer returned,
		@NotNull @Min(0) @Max(1_000_000) Integer planned, @NotNull @Min(0) @Max(1_000_000) Integer local,
		@NotNull @Min(0) @Max(1_000_000) Integer outOfTown, @NotNull @Min(0) @Max(1_000_000) Integer inObservation,
		@Size(max = 2000) @PlainText(multiline = true) String notes) {

	Figures figures() {
		return new Figures(returned, planned, local, outOfTown, inObservation);
	}

	String cleanNotes() {
		return notes == null || notes.isBlank() ? null : notes.strip();
	}

}
