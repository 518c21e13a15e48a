package dev.fugong.plate.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;

import dev.fugong.enterprise.domain.Plate;
import dev.fugong.plate.model.ChangeState;
import dev.fugong.plate.model.PlateSource;

/** One change of an enterprise's plate, proposed, confirmed or refused. */
public record PlateChange(UUID id, UUID enterpriseId, Plate fromColor, Plate color, String reason, LocalDate rectifyBy,
		PlateSource source, UUID sourceId, ChangeState state, UUID proposedBy, Instant proposedAt, UUID decidedBy,
		Instant decidedAt, String decisionNote, Instant effectiveAt) {

	static final String COLUMNS = "id, enterprise_id, from_color, color, reason, rectify_by, source, source_id, state, "
			+ "proposed_by, proposed_at, decided_by, decided_at, decision_note, effective_at";

	static PlateChange read(Readable row) {
		String from = row.get("from_color", String.class);
		return new PlateChange(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				from == null ? null : Plate.valueOf(from), Plate.valueOf(row.get("color", String.class)),
				row.get("reason", String.class), row.get("rectify_by", LocalDate.class),
				PlateSource.valueOf(row.get("source", String.class)), row.get("source_id", UUID.class),
				ChangeState.valueOf(row.get("state", String.class)), row.get("proposed_by", UUID.class),
				row.get("proposed_at", Instant.class), row.get("decided_by", UUID.class),
				row.get("decided_at", Instant.class), row.get("decision_note", String.class),
				row.get("effective_at", Instant.class));
	}

}
