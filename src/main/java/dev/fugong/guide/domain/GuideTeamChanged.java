package dev.fugong.guide.domain;

import java.util.UUID;

/** A guide was stationed in the enterprise or its assignment ended; committed. */
public record GuideTeamChanged(UUID enterpriseId) {
}
