package dev.fugong.guide.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import dev.fugong.guide.model.Figures;

/**
 * One version of an enterprise's daily guide report (指导员日报). The version in force has no
 * {@code supersededAt}; an amendment the same day supersedes it.
 */
public record GuideReport(UUID id, UUID enterpriseId, LocalDate date, int version, Figures figures, String notes,
		UUID filedBy, Instant filedAt, Instant supersededAt) {
}
