package dev.fugong.guide;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.guide.model.MissingReports;
import dev.fugong.guide.model.MissingReports.Missing;
import dev.fugong.guide.model.Stationing;

import static dev.fugong.guide.model.Department.HEALTH;
import static dev.fugong.guide.model.Department.PARK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Missing reports on a fixed clock: 2026-03-10 16:00 in Shanghai. An enterprise owes a
 * day's report when a guide was stationed there when the day is taken (now for today, the
 * end of a past day) and nothing was filed for the day.
 */
class MissingReportsTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

	static final Instant NOW = at(TODAY, 16, 0);

	final MissingReports rules = new MissingReports(Clock.fixed(NOW, SHANGHAI), SHANGHAI);

	static final UUID E1 = UUID.fromString("00000000-0000-7000-8000-0000000000e1");

	static final UUID E2 = UUID.fromString("00000000-0000-7000-8000-0000000000e2");

	static final UUID E3 = UUID.fromString("00000000-0000-7000-8000-0000000000e3");

	static final UUID E4 = UUID.fromString("00000000-0000-7000-8000-0000000000e4");

	static final UUID G1 = UUID.fromString("00000000-0000-7000-8000-0000000000a1");

	static final UUID G2 = UUID.fromString("00000000-0000-7000-8000-0000000000a2");

	@Test
	void todayAnEnterpriseWithAGuideNowAndNoReportOwesIt() {
		List<Stationing> stationings = List.of(
				// E1: a team of two for a week, no report: owes it, both guides asked
				new Stationing(E1, G1, PARK, at(TODAY.minusDays(7), 9, 0), null),
				new Stationing(E1, G2, HEALTH, at(TODAY.minusDays(7), 9, 0), null),
				// E2: reported today
				new Stationing(E2, G1, PARK, at(TODAY.minusDays(3), 9, 0), null),
				// E3: its guide left at noon today: nobody owes it
				new Stationing(E3, G2, HEALTH, at(TODAY.minusDays(3), 9, 0), at(TODAY, 12, 0)),
				// E4: stationed this morning, no report yet: owes it
				new Stationing(E4, G2, HEALTH, at(TODAY, 8, 0), null));

		List<Missing> missing = rules.find(TODAY, stationings, Set.of(E2));

		assertThat(missing).extracting(Missing::enterpriseId).containsExactly(E1, E4);
		assertThat(missing.get(0).guides()).extracting(Stationing::guideUserId).containsExactly(G1, G2);
		assertThat(missing.get(1).guides()).extracting(Stationing::guideUserId).containsExactly(G2);
	}

	@Test
	void anAssignmentMadeLaterTodayThanNowIsNotYetCounted() {
		List<Stationing> stationings = List.of(new Stationing(E1, G1, PARK, at(TODAY, 16, 1), null));

		assertThat(rules.find(TODAY, stationings, Set.of())).isEmpty();
		// A minute later, it is.
		MissingReports later = new MissingReports(Clock.fixed(at(TODAY, 16, 2), SHANGHAI), SHANGHAI);
		assertThat(later.find(TODAY, stationings, Set.of())).extracting(Missing::enterpriseId).containsExactly(E1);
	}

	@Test
	void aPastDayIsTakenAtItsEnd() {
		LocalDate yesterday = TODAY.minusDays(1);
		List<Stationing> stationings = List.of(
				// stationed during yesterday: owed yesterday's
				new Stationing(E1, G1, PARK, at(yesterday, 15, 0), null),
				// ended during yesterday: nothing owed for it
				new Stationing(E2, G1, PARK, at(TODAY.minusDays(5), 9, 0), at(yesterday, 18, 0)),
				// ended this morning: was there at yesterday's end, owed it
				new Stationing(E3, G2, HEALTH, at(TODAY.minusDays(5), 9, 0), at(TODAY, 9, 0)),
				// stationed today: owes nothing for yesterday
				new Stationing(E4, G2, HEALTH, at(TODAY, 8, 0), null));

		assertThat(rules.cutoff(yesterday)).isEqualTo(TODAY.atStartOfDay(SHANGHAI).toInstant());
		assertThat(rules.find(yesterday, stationings, Set.of())).extracting(Missing::enterpriseId)
			.containsExactly(E1, E3);
		assertThat(rules.find(yesterday, stationings, Set.of(E3))).extracting(Missing::enterpriseId)
			.containsExactly(E1);
	}

	@Test
	void theDayIsTheDistrictsAndTheFutureCannotBeAsked() {
		assertThat(rules.today()).isEqualTo(TODAY);
		assertThat(rules.cutoff(TODAY)).isEqualTo(NOW);
		assertThat(rules.check(TODAY)).isEmpty();
		assertThat(rules.check(TODAY.minusDays(30))).isEmpty();
		assertThat(rules.check(TODAY.plusDays(1))).isPresent();
	}

	private static Instant at(LocalDate day, int hour, int minute) {
		return LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant();
	}

}
