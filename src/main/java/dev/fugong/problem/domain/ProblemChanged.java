package dev.fugong.problem.domain;

import java.util.UUID;

/** A problem of the enterprise was reported or moved; committed. */
public record ProblemChanged(UUID enterpriseId) {
}
