package dev.fugong.shared.id;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New ids: UUID version 7 (RFC 9562), time-ordered so that inserts land at the right edge
 * of a B-tree index, and opaque to clients.
 */
public final class Ids {

	/**
	 * DRBG seeded once, instead of the default NativePRNG, which reads /dev/urandom on
	 * every call: ids are made on event-loop threads, where file reads are not allowed.
	 */
	private static final SecureRandom RANDOM = drbg();

	/**
	 * One generator per thread: a shared one takes a lock on every id, and under load
	 * event-loop threads queued on it (found by BlockHound, 300 concurrent sign-ins). Ids
	 * need order and uniqueness, not secrecy (access is checked by scope, never by an id
	 * being hard to guess), so each thread's generator draws from its own SHA1PRNG,
	 * seeded once from the shared DRBG: seeded before first use, it reads no entropy
	 * device.
	 */
	private static final ThreadLocal<TimeBasedEpochGenerator> GENERATORS = ThreadLocal
		.withInitial(() -> Generators.timeBasedEpochGenerator(seededFromShared()));

	private Ids() {
	}

	public static UUID newId() {
		return GENERATORS.get().generate();
	}

	/** 128 random bits as a UUID: a handle that must be neither guessed nor ordered. */
	public static UUID randomUuid() {
		byte[] value = new byte[16];
		RANDOM.nextBytes(value);
		java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(value);
		return new UUID(bytes.getLong(), bytes.getLong());
	}

	/** An unguessable token of {@code bytes} random bytes, base64url without padding. */
	public static String secret(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static SecureRandom seededFromShared() {
		try {
			SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
			byte[] seed = new byte[32];
			RANDOM.nextBytes(seed);
			random.setSeed(seed);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK has no SHA1PRNG", ex);
		}
	}

	private static SecureRandom drbg() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JDK has no DRBG", ex);
		}
	}

}
