package dev.fugong.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.fugong.stats.model.Cell;
import dev.fugong.stats.model.Counts;
import dev.fugong.stats.model.Rollup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cells added up into a dashboard's rows: district → park → grid, and a town. A cell
 * counts for the nearest row zone at or above its zone.
 */
class RollupTests {

	static final UUID DISTRICT = UUID.fromString("00000000-0000-7000-8000-000000000d01");

	static final UUID PARK = UUID.fromString("00000000-0000-7000-8000-000000000d02");

	static final UUID GRID = UUID.fromString("00000000-0000-7000-8000-000000000d03");

	static final UUID TOWN = UUID.fromString("00000000-0000-7000-8000-000000000d04");

	static final Map<UUID, UUID> PARENTS = new HashMap<>();

	static {
		PARENTS.put(DISTRICT, null);
		PARENTS.put(PARK, DISTRICT);
		PARENTS.put(GRID, PARK);
		PARENTS.put(TOWN, DISTRICT);
	}

	final List<Cell> cells = List.of(new Cell(DISTRICT, "OTHER", counts(1, 0)),
			new Cell(PARK, "MANUFACTURING", counts(3, 2)), new Cell(GRID, "MANUFACTURING", counts(5, 5)),
			new Cell(GRID, "COMMERCE", counts(2, 1)), new Cell(TOWN, "COMMERCE", counts(4, 0)));

	@Test
	void rowsBelowTheDistrictCountTheirWholeSubtreesAndTheDistrictItsOwn() {
		Map<UUID, Counts> rows = Rollup.byZone(cells, PARENTS, List.of(DISTRICT, PARK, TOWN));

		assertThat(rows.keySet()).containsExactly(DISTRICT, PARK, TOWN);
		assertThat(rows.get(DISTRICT).enterprises()).isEqualTo(1);
		assertThat(rows.get(PARK).enterprises()).isEqualTo(10);
		assertThat(rows.get(PARK).resumed()).isEqualTo(8);
		assertThat(rows.get(TOWN).enterprises()).isEqualTo(4);
	}

	@Test
	void aParksRowsAreItsOwnEnterprisesAndItsGrids() {
		Map<UUID, Counts> rows = Rollup.byZone(cells, PARENTS, List.of(PARK, GRID));

		assertThat(rows.get(PARK).enterprises()).isEqualTo(3);
		assertThat(rows.get(GRID).enterprises()).isEqualTo(7);
	}

	@Test
	void aRowWithoutCellsIsZeroAndCellsOutsideTheRowsCountInNoZoneRow() {
		Map<UUID, Counts> rows = Rollup.byZone(cells, PARENTS, List.of(GRID, UUID.randomUUID()));

		assertThat(rows.get(GRID).enterprises()).isEqualTo(7);
		assertThat(rows.values().stream().mapToLong(Counts::enterprises).sum()).isEqualTo(7);
	}

	@Test
	void industriesInTheGivenOrderThenAnyOtherAndTheTotal() {
		Map<String, Counts> rows = Rollup.byIndustry(cells, List.of("MANUFACTURING", "COMMERCE", "FINANCE"));

		assertThat(rows.keySet()).containsExactly("MANUFACTURING", "COMMERCE", "FINANCE", "OTHER");
		assertThat(rows.get("MANUFACTURING").enterprises()).isEqualTo(8);
		assertThat(rows.get("COMMERCE").enterprises()).isEqualTo(6);
		assertThat(rows.get("FINANCE")).isEqualTo(Counts.ZERO);
		assertThat(Rollup.total(cells).enterprises()).isEqualTo(15);
		assertThat(Rollup.total(cells).resumed()).isEqualTo(8);
	}

	@Test
	void ratesAreZeroWithoutEnterprisesAndRoundedToFourPlaces() {
		assertThat(Counts.ZERO.resumptionRate()).isZero();
		assertThat(Counts.ZERO.reportCoverage()).isZero();
		assertThat(counts(3, 2).resumptionRate()).isEqualTo(0.6667);
		Counts coverage = new Counts(10, 0, 0, 0, 0, 0, 3, 2, new long[Counts.CATEGORIES], 0, 0);
		assertThat(coverage.reportCoverage()).isEqualTo(0.6667);
		assertThat(coverage.missing()).isEqualTo(1);
	}

	private static Counts counts(long enterprises, long resumed) {
		long[] open = new long[Counts.CATEGORIES];
		open[0] = enterprises;
		return new Counts(enterprises, 0, resumed, resumed, 0, 0, 0, 0, open, 0, 0);
	}

}
