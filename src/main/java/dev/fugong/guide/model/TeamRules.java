package dev.fugong.guide.model;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The team of seed 000 (两名指导员组成一个指导小组，"一对一"入驻企业): at most two guides per enterprise, from
 * different departments. A guide may serve several enterprises, each with its own team.
 */
public final class TeamRules {

	/** Guides in one enterprise's team. */
	public static final int TEAM_SIZE = 2;

	private TeamRules() {
	}

	/**
	 * Whether this guide, of this department, may join the enterprise's current team;
	 * empty if so.
	 * @param team the guides stationed there now
	 */
	public static Optional<Refusal> admit(List<TeamMember> team, UUID guideUserId, Department department) {
		for (TeamMember member : team) {
			if (member.guideUserId().equals(guideUserId)) {
				return Optional.of(Refusal.conflict("already_assigned", "The guide is already stationed there."));
			}
		}
		if (team.size() >= TEAM_SIZE) {
			return Optional.of(Refusal.conflict("team_full",
					"The enterprise already has its team of " + TEAM_SIZE + " guides; end an assignment first."));
		}
		for (TeamMember member : team) {
			if (member.department() == department) {
				return Optional.of(Refusal.conflict("department_taken",
						"A guide of this department is already in the team: the two come from different departments."));
			}
		}
		return Optional.empty();
	}

}
