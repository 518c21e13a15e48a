package dev.fugong.returnee;

import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.returnee.model.SlotRules;

import static dev.fugong.returnee.ObservationRulesTests.SHANGHAI;
import static dev.fugong.returnee.ObservationRulesTests.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Which slot a report fills and which slot is last due, in Shanghai days. */
class SlotRulesTests {

	final SlotRules slots = new SlotRules(SHANGHAI, LocalTime.of(10, 0), LocalTime.of(12, 0), LocalTime.of(16, 0));

	@ParameterizedTest(name = "a report at {0} fills {1} {2}")
	@CsvSource({ "2020-02-20T00:00+08:00, 2020-02-20, MORNING", "2020-02-20T11:59+08:00, 2020-02-20, MORNING",
			"2020-02-20T12:00+08:00, 2020-02-20, AFTERNOON", "2020-02-20T23:59+08:00, 2020-02-20, AFTERNOON",
			// 17:00Z on the 19th is 01:00 on the 20th in Shanghai.
			"2020-02-19T17:00Z, 2020-02-20, MORNING" })
	void slotOfAReport(String at, LocalDate date, ReportSlot slot) {
		assertThat(slots.slotOf(at(at))).isEqualTo(new SlotRules.Slot(date, slot));
	}

	@ParameterizedTest(name = "at {0} the last due slot is {1} {2}")
	@CsvSource({ "2020-03-01T09:59+08:00, 2020-02-29, AFTERNOON", "2020-03-01T10:00+08:00, 2020-03-01, MORNING",
			"2020-03-01T15:59+08:00, 2020-03-01, MORNING", "2020-03-01T16:00+08:00, 2020-03-01, AFTERNOON" })
	void lastDueSlot(String now, LocalDate date, ReportSlot slot) {
		assertThat(slots.lastDue(at(now))).isEqualTo(new SlotRules.Slot(date, slot));
	}

}
