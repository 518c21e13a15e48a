package dev.fugong.shop;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.shop.model.NegativeList;
import dev.fugong.shop.model.NegativeList.Item;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The negative list's rule on a fixed clock: a kind is refused from its first to its last
 * day (the district's days), and allowed again once its {@code to} date has passed.
 */
class NegativeListTests {

	static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

	static final List<Item> LIST = List.of(
			new Item(Industry.HOSPITALITY, "火锅", LocalDate.parse("2020-02-10"), LocalDate.parse("2020-03-15"), "人员聚集"),
			new Item(Industry.SERVICES, null, LocalDate.parse("2020-02-01"), null, "娱乐场所暂停营业"));

	@ParameterizedTest(name = "{0} {1} at {2} (UTC) listed: {3}")
	@CsvSource({
			// before the first day (2020-02-09 23:59 in the district)
			"HOSPITALITY, 火锅, 2020-02-09T15:59:00Z, false",
			// the first day, from midnight in the district (16:00 UTC the day before)
			"HOSPITALITY, 火锅, 2020-02-09T16:00:00Z, true", "HOSPITALITY, 火锅, 2020-03-01T04:00:00Z, true",
			// the last day is still listed
			"HOSPITALITY, 火锅, 2020-03-15T15:59:00Z, true",
			// once `to` has passed, allowed again
			"HOSPITALITY, 火锅, 2020-03-15T16:00:00Z, false",
			// shop kinds compare without case and surrounding space
			"HOSPITALITY, ' 火锅 ', 2020-03-01T04:00:00Z, true",
			// another kind of the same industry, or none, is not listed by a kind's item
			"HOSPITALITY, 餐馆, 2020-03-01T04:00:00Z, false", "HOSPITALITY, , 2020-03-01T04:00:00Z, false",
			// an item without a kind lists the whole industry, open-ended
			"SERVICES, KTV, 2020-03-01T04:00:00Z, true", "SERVICES, , 2030-01-01T00:00:00Z, true",
			"SERVICES, ktv, 2020-01-31T15:00:00Z, false",
			// another industry, even with a listed kind's name
			"COMMERCE, 火锅, 2020-03-01T04:00:00Z, false" })
	void aKindIsListedFromItsFirstToItsLastDay(Industry industry, String kind, Instant now, boolean listed) {
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);

		assertThat(NegativeList.listing(LIST, industry, kind, clock, DISTRICT).isPresent()).isEqualTo(listed);
	}

	@ParameterizedTest
	@CsvSource({ "2020-03-01T04:00:00Z, 人员聚集" })
	void theRefusalNamesTheItemsReason(Instant now, String reason) {
		assertThat(NegativeList.listing(LIST, Industry.HOSPITALITY, "火锅", Clock.fixed(now, ZoneOffset.UTC), DISTRICT))
			.get()
			.extracting(Item::reason)
			.isEqualTo(reason);
	}

}
