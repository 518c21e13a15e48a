package dev.fugong.inspection.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.inspection.model.ChecklistItem;
import dev.fugong.inspection.model.InspectionKind;
import dev.fugong.plate.domain.PlateChange;

/** A recorded inspection, with its checklist and the plate change it led to. */
public record Inspection(UUID id, UUID enterpriseId, InspectionKind kind, UUID planId, UUID complaintId, boolean passed,
		String summary, UUID inspectorId, Instant inspectedAt, List<Item> items, PlateChange plateChange) {

	/** One checklist item: passed or failed, a note, whether a photo is on file. */
	@Schema(name = "InspectionItem")
	public record Item(ChecklistItem item, boolean passed, String note, boolean photo) {
	}

}
