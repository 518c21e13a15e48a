package dev.fugong.shared.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/**
 * Prints fresh keys for a deployment's secret store: the personal-data AEAD keyset, the
 * lookup PRF keyset and a token signing key. Run from the built jar (see README, "Keys").
 */
public final class KeysetGenerator {

	private KeysetGenerator() {
	}

	public static void main(String[] args) throws GeneralSecurityException {
		AeadConfig.register();
		PrfConfig.register();
		String aead = TinkJsonProtoKeysetFormat
			.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM),
					InsecureSecretKeyAccess.get())
			.strip();
		String prf = TinkJsonProtoKeysetFormat
			.serializeKeyset(KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF),
					InsecureSecretKeyAccess.get())
			.strip();
		byte[] signing = new byte[32];
		new SecureRandom().nextBytes(signing);
		// Printing secrets is this tool's whole job; it runs by hand, never inside the
		// service.
		System.out.println("FUGONG_CRYPTO_AEAD_KEYSET='" + aead + "'");
		System.out.println("FUGONG_CRYPTO_LOOKUP_KEYSET='" + prf + "'");
		System.out.println("FUGONG_SECURITY_SIGNING_KEYS_0_ID='k1'");
		System.out
			.println("FUGONG_SECURITY_SIGNING_KEYS_0_SECRET='" + Base64.getEncoder().encodeToString(signing) + "'");
	}

}
