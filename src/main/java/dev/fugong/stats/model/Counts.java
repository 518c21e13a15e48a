package dev.fugong.stats.model;

import java.util.Arrays;

/**
 * The counters of one cell of the dashboards (a zone and an industry), or of a sum of
 * cells.
 *
 * @param enterprises enterprises on file
 * @param filed of which filed to resume (复工备案: approved, or recorded in notify-only mode)
 * @param resumed of which operating now
 * @param blue enterprises with a BLUE plate
 * @param yellow with a YELLOW plate
 * @param red with a RED plate
 * @param guided with at least one guide stationed
 * @param reported of the enterprises, those with today's guide report
 * @param open unresolved problems by category, in the order of the categories
 * @param returnees returnees on file
 * @param inObservation of which in observation now
 */
public record Counts(long enterprises, long filed, long resumed, long blue, long yellow, long red, long guided,
		long reported, long[] open, long returnees, long inObservation) {

	/** The number of problem categories counted in {@link #open}. */
	public static final int CATEGORIES = 7;

	public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, new long[CATEGORIES], 0, 0);

	public Counts {
		if (open.length != CATEGORIES) {
			throw new IllegalArgumentException("open counts " + CATEGORIES + " categories");
		}
		open = open.clone();
	}

	public Counts plus(Counts other) {
		long[] sum = new long[CATEGORIES];
		for (int i = 0; i < CATEGORIES; i++) {
			sum[i] = open[i] + other.open[i];
		}
		return new Counts(enterprises + other.enterprises, filed + other.filed, resumed + other.resumed,
				blue + other.blue, yellow + other.yellow, red + other.red, guided + other.guided,
				reported + other.reported, sum, returnees + other.returnees, inObservation + other.inObservation);
	}

	/** Enterprises without a plate yet. */
	public long noPlate() {
		return enterprises - blue - yellow - red;
	}

	/** Resumed over enterprises, 0 to 1 (0 where there are none), to four places. */
	public double resumptionRate() {
		return ratio(resumed, enterprises);
	}

	/** Guided enterprises with today's report over guided enterprises, 0 to 1. */
	public double reportCoverage() {
		return ratio(Math.min(reported, guided), guided);
	}

	/** Guided enterprises without today's report. */
	public long missing() {
		return Math.max(0, guided - reported);
	}

	/** Unresolved problems, all categories. */
	public long openProblems() {
		return Arrays.stream(open).sum();
	}

	@Override
	public long[] open() {
		return open.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Counts that && enterprises == that.enterprises && filed == that.filed
				&& resumed == that.resumed && blue == that.blue && yellow == that.yellow && red == that.red
				&& guided == that.guided && reported == that.reported && Arrays.equals(open, that.open)
				&& returnees == that.returnees && inObservation == that.inObservation;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(enterprises, filed, resumed, blue, yellow, red, guided, reported,
				Arrays.hashCode(open), returnees, inObservation);
	}

	@Override
	public String toString() {
		return "Counts[enterprises=" + enterprises + ", filed=" + filed + ", resumed=" + resumed + ", blue=" + blue
				+ ", yellow=" + yellow + ", red=" + red + ", guided=" + guided + ", reported=" + reported + ", open="
				+ Arrays.toString(open) + ", returnees=" + returnees + ", inObservation=" + inObservation + "]";
	}

	private static double ratio(long part, long whole) {
		return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
	}

}
