package dev.fugong.person;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** 一人一档, as stored: personal data only as ciphertext and keyed hashes. */
@Table("person")
record Person(@Id UUID id, byte[] phoneCipher, byte[] phoneHash, byte[] idNumberCipher, byte[] idNumberHash,
		byte[] nameCipher, UUID enterpriseId, HealthStatus healthStatus, Instant createdAt, Instant lastActiveAt) {
}
