package dev.fugong.inspection.web;

import io.swagger.v3.oas.annotations.media.Schema;
import dev.fugong.shared.validation.PlainText;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.inspection.domain.InspectionService.Finding;
import dev.fugong.inspection.domain.InspectionService.Findings;
import dev.fugong.inspection.model.ChecklistItem;
import dev.fugong.inspection.model.InspectionKind;

/**
 * An inspection's findings: the whole checklist, each item PASS or FAIL with a note (a
 * failed item must say what was found). {@code rectifyBy} sets the YELLOW's date if the
 * result calls for one (default: a week).
 */
record InspectionRequest(@NotNull UUID enterpriseId, @NotNull InspectionKind kind, UUID planId, UUID complaintId,
		Instant inspectedAt, @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull ItemRequest> items,
		@Size(max = 2000) @PlainText(multiline = true) String summary, LocalDate rectifyBy) {

	Findings toFindings() {
		return new Findings(enterpriseId, kind, planId, complaintId, inspectedAt,
				items.stream().map(ItemRequest::toFinding).toList(),
				summary == null || summary.isBlank() ? null : summary.strip(), rectifyBy);
	}

	@Schema(name = "InspectionItemRequest")
	record ItemRequest(@NotNull ChecklistItem item, @NotNull Result result,
			@Size(max = 1000) @PlainText(multiline = true) String note) {

		Finding toFinding() {
			return new Finding(item, result == Result.PASS, note == null || note.isBlank() ? null : note.strip());
		}

	}

	enum Result {

		PASS, FAIL

	}

}
