package dev.fugong.guide;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.guide.model.Figures;
import dev.fugong.guide.model.Refusal;
import dev.fugong.guide.model.ReportRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daily report's rules on a fixed clock: 2026-03-01 00:30 in Shanghai, which is still
 * 2026-02-28 in UTC, so "today" must be the district's.
 */
class ReportRulesTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final Instant NOW = LocalDate.of(2026, 3, 1).atTime(0, 30).atZone(SHANGHAI).toInstant();

	static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

	final ReportRules rules = new ReportRules(Clock.fixed(NOW, ZoneId.of("UTC")), SHANGHAI);

	/** day, figures → null if accepted, else the field named. */
	static Stream<Arguments> reports() {
		return Stream.of(Arguments.of(TODAY, new Figures(10, 12, 7, 3, 1), null),
				Arguments.of(TODAY, new Figures(0, 0, 0, 0, 0), null),
				Arguments.of(TODAY, new Figures(10, 8, 10, 0, 0), null),
				// yesterday (the UTC date of this instant) and tomorrow are closed
				Arguments.of(TODAY.minusDays(1), new Figures(10, 12, 7, 3, 1), "date"),
				Arguments.of(TODAY.plusDays(1), new Figures(10, 12, 7, 3, 1), "date"),
				Arguments.of(TODAY.minusDays(30), new Figures(10, 12, 7, 3, 1), "date"),
				// those back are the local and the out-of-town ones
				Arguments.of(TODAY, new Figures(10, 12, 7, 2, 1), "returned"),
				Arguments.of(TODAY, new Figures(10, 12, 7, 4, 1), "returned"),
				Arguments.of(TODAY, new Figures(0, 12, 0, 1, 0), "returned"),
				Arguments.of(TODAY, new Figures(1_000_000, 1_000_000, 1_000_000, 1_000_000, 0), "returned"));
	}

	@ParameterizedTest
	@MethodSource("reports")
	void aReportIsForTodayAndItsReturnedAreLocalPlusOutOfTown(LocalDate day, Figures figures, String field) {
		var refusal = rules.check(day, figures);
		if (field == null) {
			assertThat(refusal).isEmpty();
		}
		else {
			assertThat(refusal).map(Refusal::field).contains(field);
		}
	}

	@Test
	void todayIsTheDistrictsDay() {
		assertThat(rules.today()).isEqualTo(TODAY);
	}

	@Test
	void theFirstFilingIsVersionOneAndEachAmendmentTheNext() {
		assertThat(ReportRules.nextVersion(null)).isEqualTo(1);
		assertThat(ReportRules.nextVersion(1)).isEqualTo(2);
		assertThat(ReportRules.nextVersion(7)).isEqualTo(8);
	}

}
