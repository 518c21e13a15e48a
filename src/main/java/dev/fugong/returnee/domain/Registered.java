package dev.fugong.returnee.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.ReturneeStatus;

/**
 * The answer to a registration.
 *
 * @param created false when the same trip was registered before: that registration is
 * returned unchanged
 */
public record Registered(UUID id, ReturneeStatus status, Instant observationEndsAt, List<Flag> flags, boolean created) {
}
