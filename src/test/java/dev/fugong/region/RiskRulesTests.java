package dev.fugong.region;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.fugong.region.model.RiskEntry;
import dev.fugong.region.model.RiskLevel;
import dev.fugong.region.model.RiskTimeline;
import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.FlagRules;
import dev.fugong.returnee.model.TravelLeg;

import static org.assertj.core.api.Assertions.assertThat;

/** Risk history and the flags derived from it (seed 004: 重点区域一律不得返还). */
class RiskRulesTests {

	static final Map<String, List<String>> CHAINS = Map.of("420102", List.of("420102", "420100", "420000"), "420100",
			List.of("420100", "420000"), "420000", List.of("420000"), "330302", List.of("330302", "330300", "330000"),
			"110101", List.of("110101", "110100", "110000"));

	static Instant at(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

	/**
	 * 武汉 HIGH from 23 Jan, lowered to MEDIUM from 1 Apr by a later setting; 温州 HIGH in
	 * February only.
	 */
	final RiskTimeline timeline = new RiskTimeline(List.of(
			new RiskEntry("420100", RiskLevel.HIGH, at("2020-01-23T00:00+08:00"), null, at("2020-01-23T00:00+08:00")),
			new RiskEntry("420100", RiskLevel.MEDIUM, at("2020-04-01T00:00+08:00"), null, at("2020-03-30T00:00+08:00")),
			new RiskEntry("420000", RiskLevel.MEDIUM, at("2020-01-20T00:00+08:00"), null, at("2020-01-20T00:00+08:00")),
			new RiskEntry("330300", RiskLevel.HIGH, at("2020-02-01T00:00+08:00"), at("2020-03-01T00:00+08:00"),
					at("2020-02-01T00:00+08:00"))));

	@ParameterizedTest(name = "{0} at {1}: {2}")
	@CsvSource({ "420102, 2020-01-22T23:59+08:00, MEDIUM", "420102, 2020-01-23T00:00+08:00, HIGH",
			"420100, 2020-03-31T23:59+08:00, HIGH", "420100, 2020-04-01T00:00+08:00, MEDIUM",
			"420000, 2020-02-10T00:00+08:00, MEDIUM", "330302, 2020-02-29T23:59+08:00, HIGH",
			"330302, 2020-03-01T00:00+08:00, LOW", "110101, 2020-02-10T00:00+08:00, LOW" })
	void aRegionsLevelIsTheHighestOfItsOwnAndItsAncestorsAsLastSet(String code, String when, RiskLevel level) {
		assertThat(timeline.levelAt(CHAINS.get(code), at(when))).isEqualTo(level);
	}

	final FlagRules flags = new FlagRules(Duration.ofDays(14), CHAINS::get);

	@Test
	void fromAHighRegionWhileItWasHighIsFlagged() {
		assertThat(flags.flags(timeline, "420102", at("2020-02-10T08:00+08:00"), at("2020-02-10T20:00+08:00"),
				List.of(), false))
			.containsExactly(Flag.HIGH_RISK_REGION);
	}

	@Test
	void aLegThroughAHighRegionIsFlaggedEvenFromALowOrigin() {
		assertThat(flags.flags(timeline, "110101", at("2020-02-08T08:00+08:00"), at("2020-02-10T20:00+08:00"),
				List.of(new TravelLeg("330302", at("2020-02-09T08:00+08:00"), at("2020-02-09T12:00+08:00"))), false))
			.containsExactly(Flag.HIGH_RISK_REGION);
	}

	@Test
	void aLegBeforeTheRegionWasHighOrOlderThanFourteenDaysIsNot() {
		// 温州 became HIGH on 1 February; this leg ended on 31 January.
		assertThat(flags.flags(timeline, "110101", at("2020-02-02T08:00+08:00"), at("2020-02-03T20:00+08:00"),
				List.of(new TravelLeg("330302", at("2020-01-30T08:00+08:00"), at("2020-01-31T23:59+08:00"))), false))
			.isEmpty();
		// 武汉 was HIGH, but the person left it more than 14 days before arriving.
		assertThat(flags.flags(timeline, "420102", at("2020-02-01T08:00+08:00"), at("2020-02-20T20:00+08:00"),
				List.of(), false))
			.isEmpty();
	}

	@Test
	void contactWithACaseIsFlaggedWhateverTheRoute() {
		Set<Flag> found = flags.flags(timeline, "110101", at("2020-02-08T08:00+08:00"), at("2020-02-10T20:00+08:00"),
				List.of(), true);
		assertThat(found).containsExactly(Flag.CONTACT_WITH_CASE);
	}

}
