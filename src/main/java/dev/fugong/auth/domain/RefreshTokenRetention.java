package dev.fugong.auth.domain;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.retention.Purge;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Refresh tokens are useless once expired; they are kept a while longer so that a
 * replayed one is still recognised as spent (and its family revoked) rather than unknown.
 */
@Component
class RefreshTokenRetention implements Purge {

	private final DatabaseClient database;

	private final Duration retention;

	RefreshTokenRetention(DatabaseClient database, FugongProperties properties) {
		this.database = database;
		this.retention = properties.retention().expiredRefreshTokens();
	}

	@Override
	public String name() {
		return "refresh_token";
	}

	@Override
	public Duration retention() {
		return retention;
	}

	@Override
	public Mono<Long> purge(Instant cutoff) {
		return database.sql("DELETE FROM refresh_token WHERE expires_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
	}

}
