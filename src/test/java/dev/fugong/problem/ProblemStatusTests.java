package dev.fugong.problem;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.problem.model.ProblemStatus;

import static dev.fugong.problem.model.ProblemStatus.IN_PROGRESS;
import static dev.fugong.problem.model.ProblemStatus.OPEN;
import static dev.fugong.problem.model.ProblemStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

/** Every move of a problem, allowed or refused, and when it is overdue. */
class ProblemStatusTests {

	/** from, to → allowed. */
	static Stream<Arguments> moves() {
		return Stream.of(Arguments.of(OPEN, OPEN, false), Arguments.of(OPEN, IN_PROGRESS, true),
				Arguments.of(OPEN, RESOLVED, false), Arguments.of(IN_PROGRESS, OPEN, false),
				Arguments.of(IN_PROGRESS, IN_PROGRESS, false), Arguments.of(IN_PROGRESS, RESOLVED, true),
				Arguments.of(RESOLVED, OPEN, false), Arguments.of(RESOLVED, IN_PROGRESS, false),
				Arguments.of(RESOLVED, RESOLVED, false));
	}

	@ParameterizedTest
	@MethodSource("moves")
	void onlyForwardOneStepAtATime(ProblemStatus from, ProblemStatus to, boolean allowed) {
		assertThat(from.canMoveTo(to)).isEqualTo(allowed);
	}

	@Test
	void onlyResolvingNeedsAnAnswer() {
		assertThat(RESOLVED.needsAnswer()).isTrue();
		assertThat(IN_PROGRESS.needsAnswer()).isFalse();
		assertThat(OPEN.needsAnswer()).isFalse();
	}

	@Test
	void anUnresolvedProblemIsOverdueOnceOlderThanTheSetting() {
		Instant now = Instant.parse("2026-03-10T08:00:00Z");
		Duration after = Duration.ofHours(72);
		Instant justInside = now.minus(after).plusSeconds(60);
		Instant justOutside = now.minus(after).minusSeconds(60);
		assertThat(OPEN.overdue(justInside, now, after)).isFalse();
		assertThat(OPEN.overdue(justOutside, now, after)).isTrue();
		assertThat(IN_PROGRESS.overdue(justOutside, now, after)).isTrue();
		assertThat(RESOLVED.overdue(justOutside, now, after)).isFalse();
	}

}
