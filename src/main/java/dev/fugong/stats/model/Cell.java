package dev.fugong.stats.model;

import java.util.UUID;

/** The counters of one zone (its own enterprises, not its subzones') and industry. */
public record Cell(UUID zoneId, String industry, Counts counts) {
}
