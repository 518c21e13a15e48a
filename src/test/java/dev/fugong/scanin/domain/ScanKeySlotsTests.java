package dev.fugong.scanin.domain;

import java.util.UUID;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.fugong.scanin.model.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Lua script of the scan path takes keys of one Redis Cluster slot, as Lettuce
 * computes it (CRC16 of the hash tag): a cluster refuses anything else with CROSSSLOT.
 * {@code RedisClusterIT} runs the same scripts against a real cluster.
 */
class ScanKeySlotsTests {

	@RepeatedTest(20)
	void theClaimAndTheRecentAnswerOfAPersonShareASlot() {
		UUID person = UUID.randomUUID();
		UUID place = UUID.randomUUID();
		int slot = SlotHash.getSlot(ScanService.claimKey(person, "c-" + UUID.randomUUID()));
		assertThat(SlotHash.getSlot(ScanService.recentKey(person, place, Direction.IN))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(ScanService.recentKey(person, place, Direction.OUT))).isEqualTo(slot);
	}

	@RepeatedTest(20)
	void aPlacesCountsShareTheSlotOfItsEnterprisesCounts() {
		UUID enterprise = UUID.randomUUID();
		assertThat(SlotHash.getSlot(ScanSignals.placeKey("2026-12-03", enterprise, UUID.randomUUID())))
			.isEqualTo(SlotHash.getSlot(ScanSignals.enterpriseKey("2026-12-03", enterprise)));
	}

	@Test
	void oneDaysCountsSpreadOverTheSlots() {
		// The tag is the enterprise, not the day: a day's counts are not one hot slot.
		long slots = IntStream.range(0, 100)
			.map(i -> SlotHash.getSlot(ScanSignals.enterpriseKey("2026-12-03", new UUID(0x7000L, i))))
			.distinct()
			.count();
		assertThat(slots).isGreaterThan(90);
	}

}
