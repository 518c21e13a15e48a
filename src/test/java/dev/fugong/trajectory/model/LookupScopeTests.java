package dev.fugong.trajectory.model;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees which record of a person (issue 12), case by case. */
class LookupScopeTests {

	static final UUID PARK = UUID.randomUUID();

	static final UUID TOWN = UUID.randomUUID();

	static final UUID OWN = UUID.randomUUID();

	static final UUID OTHER = UUID.randomUUID();

	static final LookupScope OFFICIAL = new LookupScope(Set.of(PARK), Set.of());

	static final LookupScope MANAGER = new LookupScope(Set.of(), Set.of(OWN));

	static final LookupScope NOBODY = new LookupScope(Set.of(), Set.of());

	static Stream<Arguments> records() {
		return Stream.of(
				// scope, record's enterprise, its zone, the person's employer, seen
				Arguments.of("official, own zone", OFFICIAL, OTHER, PARK, null, true),
				Arguments.of("official, other zone", OFFICIAL, OTHER, TOWN, OWN, false),
				Arguments.of("manager, own employee at own enterprise", MANAGER, OWN, TOWN, OWN, true),
				Arguments.of("manager, own employee elsewhere", MANAGER, OTHER, TOWN, OWN, false),
				Arguments.of("manager, visitor at own enterprise", MANAGER, OWN, TOWN, OTHER, false),
				Arguments.of("manager, unemployed visitor", MANAGER, OWN, TOWN, null, false),
				Arguments.of("nobody", NOBODY, OWN, PARK, OWN, false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("records")
	void sees(String name, LookupScope scope, UUID enterprise, UUID zone, UUID employer, boolean seen) {
		assertThat(scope.sees(enterprise, zone, employer)).isEqualTo(seen);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("records")
	void onlyOfficialsAndManagersLookUpAtAll(String name, LookupScope scope, UUID enterprise, UUID zone, UUID employer,
			boolean seen) {
		assertThat(scope.mayLookUp()).isEqualTo(scope != NOBODY);
		assertThat(NOBODY.mayLookUp(OWN)).isFalse();
		assertThat(MANAGER.mayLookUp(OWN)).isTrue();
		assertThat(MANAGER.mayLookUp(OTHER)).isFalse();
		assertThat(MANAGER.mayLookUp(null)).isFalse();
		assertThat(OFFICIAL.mayLookUp(null)).isTrue();
	}

}
