package dev.fugong.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.crypto.PersonalDataCipher.Column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCryptoTests {

	static KeysetHandle aeadKeys;

	static KeysetHandle prfKeys;

	@BeforeAll
	static void keys() throws GeneralSecurityException {
		AeadConfig.register();
		PrfConfig.register();
		aeadKeys = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		prfKeys = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
	}

	@Test
	void aPhoneIsStoredAsCiphertextAndReadBack() throws Exception {
		PersonalDataCipher cipher = new PersonalDataCipher(json(aeadKeys));

		byte[] stored = cipher.encrypt("13812345678", Column.PERSON_PHONE);

		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("13812345678", "5678");
		assertThat(cipher.decrypt(stored, Column.PERSON_PHONE)).isEqualTo("13812345678");
		// Randomised: the same phone twice gives different ciphertexts, so equal rows do
		// not show.
		assertThat(cipher.encrypt("13812345678", Column.PERSON_PHONE)).isNotEqualTo(stored);
	}

	@Test
	void aCiphertextMovedToAnotherColumnDoesNotDecrypt() throws Exception {
		PersonalDataCipher cipher = new PersonalDataCipher(json(aeadKeys));
		byte[] phone = cipher.encrypt("13812345678", Column.PERSON_PHONE);

		assertThatThrownBy(() -> cipher.decrypt(phone, Column.PERSON_NAME)).isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining("13812345678");
	}

	@Test
	void aTamperedCiphertextIsRefused() throws Exception {
		PersonalDataCipher cipher = new PersonalDataCipher(json(aeadKeys));
		byte[] phone = cipher.encrypt("13812345678", Column.PERSON_PHONE);
		phone[phone.length - 1] ^= 1;

		assertThatThrownBy(() -> cipher.decrypt(phone, Column.PERSON_PHONE)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void afterARotationOldRowsStillDecryptAndNewOnesUseTheNewKey() throws Exception {
		PersonalDataCipher before = new PersonalDataCipher(json(aeadKeys));
		byte[] old = before.encrypt("13812345678", Column.PERSON_PHONE);
		KeysetHandle rotated = rotate(aeadKeys, PredefinedAeadParameters.AES256_GCM);
		PersonalDataCipher after = new PersonalDataCipher(json(rotated));

		assertThat(after.decrypt(old, Column.PERSON_PHONE)).isEqualTo("13812345678");
		byte[] fresh = after.encrypt("13812345678", Column.PERSON_PHONE);
		assertThatThrownBy(() -> before.decrypt(fresh, Column.PERSON_PHONE)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void lookupHashesAreKeyedStableAndSeparatedByColumn() throws Exception {
		LookupHasher hasher = new LookupHasher(json(prfKeys));
		LookupHasher otherKey = new LookupHasher(
				json(KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF)));

		byte[] hash = hasher.hash("13812345678", Column.PERSON_PHONE);

		assertThat(hash).hasSize(32).isEqualTo(hasher.hash("13812345678", Column.PERSON_PHONE));
		assertThat(hasher.hash("13812345679", Column.PERSON_PHONE)).isNotEqualTo(hash);
		assertThat(hasher.hash("13812345678", Column.PERSON_ID_NUMBER)).isNotEqualTo(hash);
		assertThat(otherKey.hash("13812345678", Column.PERSON_PHONE)).isNotEqualTo(hash);
	}

	@Test
	void afterALookupKeyRotationTheOldHashIsStillACandidate() throws Exception {
		LookupHasher before = new LookupHasher(json(prfKeys));
		byte[] old = before.hash("13812345678", Column.PERSON_PHONE);
		LookupHasher after = new LookupHasher(json(rotate(prfKeys, PredefinedPrfParameters.HMAC_SHA256_PRF)));

		assertThat(after.hash("13812345678", Column.PERSON_PHONE)).isNotEqualTo(old);
		assertThat(after.candidates("13812345678", Column.PERSON_PHONE)).hasSize(2).contains(old);
	}

	@Test
	void masking() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.name("张三")).isEqualTo("张*");
		assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧**娜");
		assertThat(Masking.name("李")).isEqualTo("*");
		assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110***********002X");
		assertThat(Masking.phone(null)).isNull();
	}

	private static KeysetHandle rotate(KeysetHandle keys, com.google.crypto.tink.Parameters parameters) {
		try {
			KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys);
			for (int i = 0; i < keys.size(); i++) {
				builder.getAt(i).setStatus(com.google.crypto.tink.KeyStatus.ENABLED);
			}
			builder.addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary());
			return builder.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String json(KeysetHandle keys) throws GeneralSecurityException {
		return TinkJsonProtoKeysetFormat.serializeKeyset(keys, InsecureSecretKeyAccess.get());
	}

}
