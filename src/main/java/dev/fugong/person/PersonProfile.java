package dev.fugong.person;

import java.util.UUID;

import dev.fugong.shared.crypto.Masking;

/**
 * A person decrypted, for use inside the service. Its {@code toString} masks, so a
 * profile that slips into a log line or an exception message leaks nothing.
 */
public record PersonProfile(UUID id, String phone, String idNumber, String name, UUID enterpriseId,
		HealthStatus healthStatus) {

	public String maskedPhone() {
		return Masking.phone(phone);
	}

	public String maskedName() {
		return Masking.name(name);
	}

	@Override
	public String toString() {
		return "PersonProfile[id=" + id + ", phone=" + maskedPhone() + ", enterpriseId=" + enterpriseId + "]";
	}

}
