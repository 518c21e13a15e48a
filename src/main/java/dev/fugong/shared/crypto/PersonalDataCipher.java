package dev.fugong.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

/**
 * Authenticated encryption (AES-256-GCM through Tink) of personal data at rest: phone
 * numbers, ID numbers, names. Each ciphertext starts with Tink's 5-byte key id, so keys
 * rotate by adding a new primary key to the keyset while old rows stay readable. The
 * column a value belongs to is bound in as associated data, so a ciphertext copied into
 * another column does not decrypt.
 */
public final class PersonalDataCipher {

	private final Aead aead;

	public PersonalDataCipher(String jsonKeyset) {
		try {
			AeadConfig.register();
			this.aead = TinkJsonProtoKeysetFormat.parseKeyset(jsonKeyset, InsecureSecretKeyAccess.get())
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("fugong.crypto.aead-keyset is not a usable AEAD keyset", ex);
		}
	}

	public byte[] encrypt(String plaintext, Column column) {
		try {
			return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), column.associatedData());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	/** Encrypts bytes (an uploaded file that may hold personal data). */
	public byte[] encryptBytes(byte[] plaintext, Column column) {
		try {
			return aead.encrypt(plaintext, column.associatedData());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	public byte[] decryptBytes(byte[] ciphertext, Column column) {
		try {
			return aead.decrypt(ciphertext, column.associatedData());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Decryption failed for " + column, ex);
		}
	}

	public String decrypt(byte[] ciphertext, Column column) {
		try {
			return new String(aead.decrypt(ciphertext, column.associatedData()), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			// Never include the ciphertext or anything derived from it in the message.
			throw new IllegalStateException("Decryption failed for " + column, ex);
		}
	}

	/**
	 * Where an encrypted value lives; part of the associated data and of the lookup hash.
	 */
	public enum Column {

		PERSON_PHONE, PERSON_ID_NUMBER, PERSON_NAME, SCAN_TEMPERATURE,
		/** A returnee's origin, transport and route. */
		RETURNEE_TRAVEL,
		/** A health report's temperature and symptoms. */
		HEALTH_TEMPERATURE, HEALTH_SYMPTOMS,
		/** An uploaded filing material (a staff screening list names people). */
		FILING_FILE,
		/** A photo taken at an inspection. */
		INSPECTION_PHOTO,
		/** What a complaint says. */
		COMPLAINT_TEXT,
		/** How to reach a complaint's reporter, if given. */
		COMPLAINT_CONTACT,
		/** A contact screening's result: who met whom, where and when. */
		SCREENING_RESULT,
		/** Who did a disinfection or ventilation round (每日台账). */
		DISINFECTION_BY,
		/** A contact screening's contacts, as person ids: whom a warning reaches. */
		SCREENING_CONTACTS;

		byte[] associatedData() {
			return name().getBytes(StandardCharsets.US_ASCII);
		}

	}

}
