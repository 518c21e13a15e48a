package dev.fugong.guide;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.guide.model.Department;
import dev.fugong.guide.model.Refusal;
import dev.fugong.guide.model.TeamMember;
import dev.fugong.guide.model.TeamRules;

import static dev.fugong.guide.model.Department.HEALTH;
import static dev.fugong.guide.model.Department.INDUSTRY;
import static dev.fugong.guide.model.Department.PARK;
import static dev.fugong.guide.model.Department.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team of seed 000: two guides from different departments per enterprise; a third, a
 * second of the same department and the same guide twice are refused.
 */
class TeamRulesTests {

	static final UUID A = UUID.fromString("00000000-0000-7000-8000-00000000000a");

	static final UUID B = UUID.fromString("00000000-0000-7000-8000-00000000000b");

	static final UUID C = UUID.fromString("00000000-0000-7000-8000-00000000000c");

	/** team now, the guide and department joining → null if admitted, else the code. */
	static Stream<Arguments> joins() {
		return Stream.of(Arguments.of(List.of(), A, PARK, null), Arguments.of(List.of(), A, HEALTH, null),
				// the second guide, from another department
				Arguments.of(List.of(member(A, PARK)), B, HEALTH, null),
				Arguments.of(List.of(member(A, INDUSTRY)), B, TOWN, null),
				// the second guide, from the same department
				Arguments.of(List.of(member(A, PARK)), B, PARK, "department_taken"),
				// the same guide again, whatever the department
				Arguments.of(List.of(member(A, PARK)), A, PARK, "already_assigned"),
				Arguments.of(List.of(member(A, PARK)), A, HEALTH, "already_assigned"),
				// a third guide, even from a fourth department
				Arguments.of(List.of(member(A, PARK), member(B, HEALTH)), C, INDUSTRY, "team_full"),
				Arguments.of(List.of(member(A, PARK), member(B, HEALTH)), C, PARK, "team_full"),
				Arguments.of(List.of(member(A, PARK), member(B, HEALTH)), A, TOWN, "already_assigned"));
	}

	@ParameterizedTest
	@MethodSource("joins")
	void aTeamIsTwoGuidesOfDifferentDepartments(List<TeamMember> team, UUID guide, Department department,
			String refused) {
		var refusal = TeamRules.admit(team, guide, department);
		if (refused == null) {
			assertThat(refusal).isEmpty();
		}
		else {
			assertThat(refusal).map(Refusal::code).contains(refused);
			assertThat(refusal.get().isField()).isFalse();
		}
	}

	private static TeamMember member(UUID guide, Department department) {
		return new TeamMember(guide, department);
	}

}
