package dev.fugong.plate.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.fugong.enterprise.domain.Plate;
import dev.fugong.plate.domain.PlateChange;
import dev.fugong.plate.model.ChangeState;
import dev.fugong.plate.model.PlateSource;

/** One plate change; {@code changeId} and {@code state} as API.md names them. */
record PlateChangeResponse(UUID changeId, UUID enterpriseId, ChangeState state, Plate color, Plate fromColor,
		String reason, LocalDate rectifyBy, PlateSource source, UUID sourceId, UUID proposedBy, Instant proposedAt,
		UUID decidedBy, Instant decidedAt, String decisionNote, Instant effectiveAt) {

	static PlateChangeResponse of(PlateChange c) {
		return new PlateChangeResponse(c.id(), c.enterpriseId(), c.state(), c.color(), c.fromColor(), c.reason(),
				c.rectifyBy(), c.source(), c.sourceId(), c.proposedBy(), c.proposedAt(), c.decidedBy(), c.decidedAt(),
				c.decisionNote(), c.effectiveAt());
	}

}
