package dev.fugong.returnee;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.returnee.model.ObservationFacts;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.ReturneeStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The 14-day observation and status derivation, with a fixed clock. */
class ObservationRulesTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static Instant at(String offsetDateTime) {
		return OffsetDateTime.parse(offsetDateTime).toInstant();
	}

	static ObservationRules rulesAt(String now) {
		return new ObservationRules(Clock.fixed(at(now), ZoneOffset.UTC), SHANGHAI, 14, 2);
	}

	/**
	 * Arrival on day D (any hour, Shanghai time): cleared from 00:00 of D + 14. Month
	 * ends, the leap day of 2020, the year's end, and instants whose UTC date differs
	 * from their Shanghai date. China keeps no daylight saving time: the weekend the US
	 * and Europe change clocks (2020-03-08, 2020-03-29, 2020-10-25, 2020-11-01) shifts
	 * nothing.
	 */
	@ParameterizedTest(name = "arrived {0} → cleared at {1}")
	@CsvSource({ "2020-01-25T10:00+08:00, 2020-02-08T00:00+08:00", "2020-01-31T23:59+08:00, 2020-02-14T00:00+08:00",
			"2020-02-20T08:00+08:00, 2020-03-05T00:00+08:00", "2020-02-29T12:00+08:00, 2020-03-14T00:00+08:00",
			"2021-02-20T08:00+08:00, 2021-03-06T00:00+08:00", "2020-12-25T00:00+08:00, 2021-01-08T00:00+08:00",
			"2020-04-30T18:00+08:00, 2020-05-14T00:00+08:00",
			// 23:30 on 1 March in Shanghai is still 1 March in UTC (15:30Z) …
			"2020-03-01T23:30+08:00, 2020-03-15T00:00+08:00",
			// … and 00:30 on 2 March in Shanghai is 1 March in UTC (16:30Z): a day later.
			"2020-03-02T00:30+08:00, 2020-03-16T00:00+08:00", "2020-03-08T02:30+08:00, 2020-03-22T00:00+08:00",
			"2020-03-29T02:30+08:00, 2020-04-12T00:00+08:00", "2020-10-25T02:30+08:00, 2020-11-08T00:00+08:00",
			"2020-10-31T23:00+08:00, 2020-11-14T00:00+08:00" })
	void observationEndsFourteenDistrictDaysAfterTheArrivalDay(String arrival, String cleared) {
		ObservationRules rules = rulesAt("2020-01-01T00:00+08:00");
		assertThat(rules.observationEndsAt(at(arrival))).isEqualTo(at(cleared));
	}

	/**
	 * Day 13 after the arrival day is the last one observed: a minute before midnight it
	 * is IN_OBSERVATION, at midnight CLEARED.
	 */
	@ParameterizedTest(name = "arrived {0}, at {1}: {2}")
	@CsvSource({ "2020-02-20T08:00+08:00, 2020-03-04T23:59+08:00, IN_OBSERVATION",
			"2020-02-20T08:00+08:00, 2020-03-05T00:00+08:00, CLEARED",
			"2020-01-31T23:59+08:00, 2020-02-13T23:59+08:00, IN_OBSERVATION",
			"2020-01-31T23:59+08:00, 2020-02-14T00:00+08:00, CLEARED",
			"2020-02-20T08:00+08:00, 2020-02-20T07:59+08:00, EXPECTED",
			"2020-02-20T08:00+08:00, 2020-02-20T08:00+08:00, IN_OBSERVATION" })
	void theDayTheObservationEnds(String arrival, String now, ReturneeStatus expected) {
		assertThat(rulesAt(now).status(new ObservationFacts(at(arrival), null, null, null))).isEqualTo(expected);
	}

	/**
	 * Seed 004: 提前2天报. Counted in the district's calendar days, across a month's end: on
	 * 30 January (any hour) an arrival on 1 February may be registered, one on 2 February
	 * not yet.
	 */
	@ParameterizedTest(name = "at {0}, arriving {1}: {2}")
	@CsvSource({ "2020-01-30T08:00+08:00, 2020-02-01T23:59+08:00, true",
			"2020-01-30T08:00+08:00, 2020-02-02T00:00+08:00, false",
			"2020-01-30T23:59+08:00, 2020-02-01T23:59+08:00, true",
			"2020-01-31T00:00+08:00, 2020-02-02T08:00+08:00, true",
			"2020-02-27T12:00+08:00, 2020-02-29T12:00+08:00, true",
			"2020-02-27T12:00+08:00, 2020-03-01T00:00+08:00, false",
			"2020-12-30T09:00+08:00, 2021-01-01T09:00+08:00, true",
			"2020-12-30T09:00+08:00, 2021-01-02T00:00+08:00, false",
			// A past arrival is always registrable.
			"2020-02-10T09:00+08:00, 2020-02-01T09:00+08:00, true",
			// 16:30Z on 29 January is 00:30 on 30 January in Shanghai: the 30th counts.
			"2020-01-29T16:30Z, 2020-02-01T20:00+08:00, true" })
	void theTwoDayPreArrivalWindow(String now, String arrival, boolean registrable) {
		assertThat(rulesAt(now).registrableNow(at(arrival))).isEqualTo(registrable);
	}

	/**
	 * Every combination of the facts: abnormal or not; arrival ahead, observed, over; no
	 * slot missed, one missed and not reported since, one missed and reported since.
	 */
	static Stream<Arguments> everyCombination() {
		String now = "2020-02-20T12:00+08:00";
		String[][] arrivals = { { "ahead", "2020-02-21T09:00+08:00" }, { "observed", "2020-02-15T09:00+08:00" },
				{ "over", "2020-02-01T09:00+08:00" } };
		String missed = "2020-02-20T10:00+08:00";
		String[][] reports = { { "none missed", null, null }, { "missed, not since", missed, "2020-02-19T15:00+08:00" },
				{ "missed, never reported", missed, null },
				{ "missed, reported since", missed, "2020-02-20T11:00+08:00" } };
		List<Arguments> cases = new ArrayList<>();
		for (boolean abnormal : new boolean[] { true, false }) {
			for (String[] arrival : arrivals) {
				for (String[] report : reports) {
					ReturneeStatus expected;
					if (abnormal) {
						expected = ReturneeStatus.ABNORMAL;
					}
					else if (arrival[0].equals("ahead")) {
						expected = ReturneeStatus.EXPECTED;
					}
					else if (arrival[0].equals("over")) {
						expected = ReturneeStatus.CLEARED;
					}
					else if (report[0].startsWith("missed, not") || report[0].startsWith("missed, never")) {
						expected = ReturneeStatus.REPORT_OVERDUE;
					}
					else {
						expected = ReturneeStatus.IN_OBSERVATION;
					}
					cases.add(Arguments.of(now, abnormal, arrival[0], arrival[1], report[0], report[1], report[2],
							expected));
				}
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "abnormal={1}, arrival {2}, {4} → {7}")
	@MethodSource("everyCombination")
	void statusOfEveryCombination(String now, boolean abnormal, String arrivalCase, String arrival, String reportCase,
			String missedSlot, String lastReport, ReturneeStatus expected) {
		ObservationFacts facts = new ObservationFacts(at(arrival), abnormal ? at("2020-02-18T09:00+08:00") : null,
				missedSlot == null ? null : at(missedSlot), lastReport == null ? null : at(lastReport));
		assertThat(rulesAt(now).status(facts)).isEqualTo(expected);
	}

}
