package dev.fugong.guide;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.guide.model.ReminderSchedule;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders at 17:00 in Shanghai, once a day, on fixed clocks. */
class ReminderScheduleTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final LocalDate DAY = LocalDate.of(2026, 3, 10);

	/** the time now, the last day reminded of → the day due, or null. */
	static Stream<Arguments> looks() {
		return Stream.of(Arguments.of(LocalTime.of(16, 59, 59), null, null),
				Arguments.of(LocalTime.of(17, 0), null, DAY), Arguments.of(LocalTime.of(17, 0), DAY.minusDays(1), DAY),
				Arguments.of(LocalTime.of(23, 59), DAY.minusDays(1), DAY),
				// already reminded today
				Arguments.of(LocalTime.of(17, 1), DAY, null), Arguments.of(LocalTime.of(23, 59), DAY, null),
				// the next morning, before the hour: nothing, not yesterday's
				Arguments.of(LocalTime.of(8, 0), DAY.minusDays(1), null));
	}

	@ParameterizedTest
	@MethodSource("looks")
	void onceADayFromTheHour(LocalTime now, LocalDate lastReminded, LocalDate due) {
		ReminderSchedule schedule = new ReminderSchedule(
				Clock.fixed(DAY.atTime(now).atZone(SHANGHAI).toInstant(), ZoneId.of("UTC")), SHANGHAI,
				LocalTime.of(17, 0));
		assertThat(schedule.due(lastReminded).orElse(null)).isEqualTo(due);
	}

}
