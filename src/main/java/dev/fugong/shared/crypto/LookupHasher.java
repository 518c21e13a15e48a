package dev.fugong.shared.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;

import dev.fugong.shared.crypto.PersonalDataCipher.Column;

/**
 * Keyed hashes (HMAC-SHA256 PRF through Tink) for finding a person by phone or ID number
 * without storing either in clear. Without the key a hash cannot be brute-forced from the
 * small space of phone numbers, which a plain SHA-256 could.
 *
 * <p>
 * New rows are hashed with the primary key; {@link #candidates} returns the hash under
 * every key of the keyset, so lookups keep finding rows hashed before a rotation.
 */
public final class LookupHasher {

	private static final int LENGTH = 32;

	private final PrfSet prfSet;

	public LookupHasher(String jsonKeyset) {
		try {
			PrfConfig.register();
			this.prfSet = TinkJsonProtoKeysetFormat.parseKeyset(jsonKeyset, InsecureSecretKeyAccess.get())
				.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("fugong.crypto.lookup-keyset is not a usable PRF keyset", ex);
		}
	}

	/**
	 * The hash to store, under the primary key. {@code value} must already be normalized.
	 */
	public byte[] hash(String value, Column column) {
		try {
			return prfSet.computePrimary(input(value, column), LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Hashing failed", ex);
		}
	}

	/**
	 * The hash under every key, primary first: what a lookup must match during a
	 * rotation.
	 */
	public List<byte[]> candidates(String value, Column column) {
		try {
			byte[] input = input(value, column);
			List<byte[]> hashes = new ArrayList<>();
			hashes.add(prfSet.computePrimary(input, LENGTH));
			for (var entry : prfSet.getPrfs().entrySet()) {
				if (entry.getKey() != prfSet.getPrimaryId()) {
					Prf prf = entry.getValue();
					hashes.add(prf.compute(input, LENGTH));
				}
			}
			return hashes;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Hashing failed", ex);
		}
	}

	/**
	 * Domain separation: the same phone hashes differently as a phone and as anything
	 * else.
	 */
	private static byte[] input(String value, Column column) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(column.name().getBytes(StandardCharsets.US_ASCII));
		out.write(0);
		out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
