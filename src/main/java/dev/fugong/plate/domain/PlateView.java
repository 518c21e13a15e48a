package dev.fugong.plate.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.fugong.enterprise.domain.Plate;

/**
 * An enterprise's plate: the one in force (null if none yet), since when, the date to
 * rectify by for a YELLOW and whether it is past, a RED waiting for confirmation, and the
 * history, newest first.
 */
public record PlateView(UUID enterpriseId, Plate color, Instant since, LocalDate rectifyBy, boolean overdue,
		PlateChange pending, List<PlateChange> history) {
}
