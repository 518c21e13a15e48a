package dev.fugong.complaint;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.fugong.complaint.model.ComplaintStatus;
import dev.fugong.complaint.model.Receipts;

import static dev.fugong.complaint.model.ComplaintStatus.DISMISSED;
import static dev.fugong.complaint.model.ComplaintStatus.INSPECTING;
import static dev.fugong.complaint.model.ComplaintStatus.RECEIVED;
import static dev.fugong.complaint.model.ComplaintStatus.RESOLVED;
import static dev.fugong.complaint.model.ComplaintStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/** Every status to every status: what an official's triage may do; and receipts. */
class ComplaintStatusTests {

	static final Map<ComplaintStatus, Set<ComplaintStatus>> ALLOWED = Map.of(RECEIVED,
			Set.of(VERIFIED, DISMISSED, INSPECTING), VERIFIED, Set.of(INSPECTING, RESOLVED));

	static Stream<Arguments> everyPair() {
		return EnumSet.allOf(ComplaintStatus.class)
			.stream()
			.flatMap(from -> EnumSet.allOf(ComplaintStatus.class).stream().map(to -> Arguments.of(from, to)));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("everyPair")
	void triage(ComplaintStatus from, ComplaintStatus to) {
		assertThat(from.canMoveTo(to)).isEqualTo(ALLOWED.getOrDefault(from, Set.of()).contains(to));
	}

	@Test
	void anInspectionResolvesOnlyAnOpenComplaint() {
		assertThat(EnumSet.allOf(ComplaintStatus.class)).filteredOn(ComplaintStatus::resolvableByInspection)
			.containsExactlyInAnyOrder(RECEIVED, VERIFIED, INSPECTING);
	}

	@Test
	void dismissingAndResolvingNeedAReason() {
		assertThat(EnumSet.allOf(ComplaintStatus.class)).filteredOn(ComplaintStatus::needsReason)
			.containsExactlyInAnyOrder(DISMISSED, RESOLVED);
	}

	@Test
	void receiptsAreFourGroupsOfFourAndReadBackHoweverTyped() {
		String receipt = Receipts.generate();
		assertThat(receipt).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
		String compact = receipt.replace("-", "");
		assertThat(Receipts.normalize(receipt.toLowerCase())).isEqualTo(compact);
		assertThat(Receipts.normalize(" " + compact + " ")).isEqualTo(compact);
		assertThat(Receipts.normalize("OIL0-0000-0000-0000")).isEqualTo("0110000000000000");
		assertThat(Receipts.normalize("UUUU-0000-0000-0000")).isNull();
		assertThat(Receipts.normalize("0000-0000")).isNull();
		assertThat(Receipts.generate()).isNotEqualTo(receipt);
	}

}
