package dev.fugong.auth.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.shared.id.Ids;
import dev.fugong.shared.security.Audience;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Rotating refresh tokens in PostgreSQL; see V2__refresh_tokens.sql. */
@Component
class RefreshTokens {

	private final DatabaseClient database;

	private final Clock clock;

	RefreshTokens(DatabaseClient database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	/**
	 * A new refresh token in the family; returns the token itself, which is stored only
	 * hashed.
	 */
	Mono<String> issue(UUID userId, UUID familyId, Audience audience, Duration ttl) {
		String token = Ids.secret(32);
		Instant now = clock.instant();
		return database.sql("""
				INSERT INTO refresh_token (id, family_id, user_id, audience, token_hash, issued_at, expires_at)
				VALUES (:id, :family, :user, :audience, :hash, :now, :expires)
				""")
			.bind("id", Ids.newId())
			.bind("family", familyId)
			.bind("user", userId)
			.bind("audience", audience.name())
			.bind("hash", hash(token))
			.bind("now", now)
			.bind("expires", now.plus(ttl))
			.then()
			.thenReturn(token);
	}

	/**
	 * Spends the token, atomically: only one of any number of concurrent calls gets the
	 * row. A token that was already spent or revoked revokes its whole family and yields
	 * {@link Outcome#REPLAYED}.
	 */
	Mono<Spent> spend(String token) {
		byte[] hash = hash(token);
		Instant now = clock.instant();
		return database.sql("""
				UPDATE refresh_token SET spent_at = :now
				WHERE token_hash = :hash AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > :now
				RETURNING user_id, family_id, audience
				""")
			.bind("hash", hash)
			.bind("now", now)
			.map(row -> new Spent(Outcome.SPENT, row.get("user_id", UUID.class), row.get("family_id", UUID.class),
					Audience.valueOf(row.get("audience", String.class))))
			.one()
			.switchIfEmpty(Mono.defer(() -> replayedOrUnknown(hash, now)));
	}

	Mono<Void> revokeFamily(UUID familyId) {
		return database
			.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
			.bind("now", clock.instant())
			.bind("family", familyId)
			.then();
	}

	private Mono<Spent> replayedOrUnknown(byte[] hash, Instant now) {
		return database
			.sql("SELECT user_id, family_id, audience, expires_at FROM refresh_token WHERE token_hash = :hash")
			.bind("hash", hash)
			.map(row -> new Spent(
					row.get("expires_at", Instant.class).isAfter(now) ? Outcome.REPLAYED : Outcome.UNKNOWN,
					row.get("user_id", UUID.class), row.get("family_id", UUID.class),
					Audience.valueOf(row.get("audience", String.class))))
			.one()
			.flatMap(found -> found.outcome() == Outcome.REPLAYED ? revokeFamily(found.familyId()).thenReturn(found)
					: Mono.just(found))
			.defaultIfEmpty(new Spent(Outcome.UNKNOWN, null, null, null));
	}

	private static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	enum Outcome {

		SPENT, REPLAYED, UNKNOWN

	}

	record Spent(Outcome outcome, UUID userId, UUID familyId, Audience audience) {
	}

}
