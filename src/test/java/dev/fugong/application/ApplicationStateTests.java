package dev.fugong.application;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.application.model.ApplicationState;
import dev.fugong.application.model.ApplicationState.Action;

import static org.assertj.core.api.Assertions.assertThat;

/** Every state with every action: only a SUBMITTED application moves. */
class ApplicationStateTests {

	static Stream<Arguments> transitions() {
		return Stream.of(Arguments.of(ApplicationState.SUBMITTED, Action.ACCEPT, ApplicationState.ACCEPTED),
				Arguments.of(ApplicationState.SUBMITTED, Action.REFUSE, ApplicationState.REFUSED),
				Arguments.of(ApplicationState.SUBMITTED, Action.WITHDRAW, ApplicationState.WITHDRAWN),
				Arguments.of(ApplicationState.ACCEPTED, Action.ACCEPT, null),
				Arguments.of(ApplicationState.ACCEPTED, Action.REFUSE, null),
				Arguments.of(ApplicationState.ACCEPTED, Action.WITHDRAW, null),
				Arguments.of(ApplicationState.REFUSED, Action.ACCEPT, null),
				Arguments.of(ApplicationState.REFUSED, Action.REFUSE, null),
				Arguments.of(ApplicationState.REFUSED, Action.WITHDRAW, null),
				Arguments.of(ApplicationState.WITHDRAWN, Action.ACCEPT, null),
				Arguments.of(ApplicationState.WITHDRAWN, Action.REFUSE, null),
				Arguments.of(ApplicationState.WITHDRAWN, Action.WITHDRAW, null));
	}

	@ParameterizedTest(name = "{0} + {1} -> {2}")
	@MethodSource("transitions")
	void transition(ApplicationState from, Action action, ApplicationState expected) {
		assertThat(from.after(action)).isEqualTo(Optional.ofNullable(expected));
	}

}
