package dev.fugong.enterprise.domain;

import java.util.UUID;

/**
 * The list filters of the console; all optional. {@code zoneId} includes the zone's
 * subtree.
 */
public record EnterpriseFilter(UUID zoneId, Industry industry, Integer batch, Plate plate, String nameContains) {
}
