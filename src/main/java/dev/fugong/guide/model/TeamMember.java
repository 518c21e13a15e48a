package dev.fugong.guide.model;

import java.util.UUID;

/** A guide in an enterprise's team, as the team rules need it. */
public record TeamMember(UUID guideUserId, Department department) {
}
