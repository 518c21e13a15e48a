package dev.fugong.inspection.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The draw of an inspection plan (seed 000: 抽查比例不低于总数的1/3; *人以上的企事业单位 重点检查). Every
 * enterprise at or above the headcount threshold is in; the rest are ranked by SHA-256 of
 * {@code seed + ":" + id} (lowercase hex, compared as text) and taken from the lowest
 * until at least {@code fraction} of the population, and never less than a third, is in
 * the plan. Anyone can re-draw with the seed and a SHA-256 tool, and the same seed over
 * the same enterprises always gives the same list, whatever order they are listed in.
 */
public final class Sampling {

	/** One third, as a fraction the service accepts (0.3333 stands for 1/3). */
	public static final BigDecimal ONE_THIRD = new BigDecimal("0.3333");

	private Sampling() {
	}

	/**
	 * @param population the enterprises to draw from
	 * @param fraction at least {@link #ONE_THIRD}, at most 1
	 * @param headcountThreshold enterprises with this many staff or more are always in
	 * @param seed any text
	 * @return the plan: ALWAYS entries first (by rank), then DRAWN ones in rank order
	 */
	public static List<Pick> draw(List<Candidate> population, BigDecimal fraction, int headcountThreshold,
			String seed) {
		if (fraction.compareTo(ONE_THIRD) < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
			throw new IllegalArgumentException("fraction must be between 1/3 and 1");
		}
		int n = population.size();
		int wanted = Math.max(
				fraction.multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact(),
				(n + 2) / 3);
		List<Ranked> ranked = population.stream()
			.map(candidate -> new Ranked(candidate, rank(seed, candidate.id())))
			.sorted(Comparator.comparing(Ranked::rank))
			.toList();
		List<Pick> picks = new ArrayList<>();
		ranked.stream()
			.filter(entry -> entry.candidate().headcount() >= headcountThreshold)
			.forEach(entry -> picks.add(new Pick(entry.candidate().id(), Reason.ALWAYS, entry.rank())));
		ranked.stream()
			.filter(entry -> entry.candidate().headcount() < headcountThreshold)
			.limit(Math.max(0, wanted - picks.size()))
			.forEach(entry -> picks.add(new Pick(entry.candidate().id(), Reason.DRAWN, entry.rank())));
		return List.copyOf(picks);
	}

	/** SHA-256 of {@code seed:id} in lowercase hex: an enterprise's place in the draw. */
	public static String rank(String seed, UUID id) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((seed + ":" + id).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An enterprise that may be drawn. */
	public record Candidate(UUID id, int headcount) {
	}

	/** Why an enterprise is in a plan. */
	public enum Reason {

		/** At or above the headcount threshold: always inspected. */
		ALWAYS,
		/** Drawn at random (by the seed). */
		DRAWN

	}

	/**
	 * One enterprise in the plan, with its rank (the hash) so the draw can be checked.
	 */
	public record Pick(UUID id, Reason reason, String rank) {
	}

	private record Ranked(Candidate candidate, String rank) {
	}

}
