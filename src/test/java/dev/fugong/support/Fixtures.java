package dev.fugong.support;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.fugong.shared.validation.Uscc;

/**
 * Test data that must be unique per test, since every integration test shares one
 * database.
 */
public final class Fixtures {

	private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private Fixtures() {
	}

	/** A valid USCC no other test uses (31^8 random tail: collisions are negligible). */
	public static String uscc() {
		StringBuilder code = new StringBuilder("91500227");
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (code.length() < 17) {
			code.append(USCC_ALPHABET.charAt(random.nextInt(USCC_ALPHABET.length())));
		}
		return code.append(Uscc.checkCharacter(code.toString())).toString();
	}

	/**
	 * A create-enterprise body in the given zone, with a fresh USCC and a unique name.
	 */
	public static Map<String, Object> enterprise(java.util.UUID zoneId) {
		String uscc = uscc();
		return Map.of("name", "测试企业 " + uscc, "uscc", uscc, "industry", "MANUFACTURING", "batch", 3, "zoneId",
				zoneId.toString(), "address", "测试路 1 号", "headcount", 120);
	}

}
