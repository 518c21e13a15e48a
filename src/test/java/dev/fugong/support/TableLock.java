package dev.fugong.support;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

/**
 * A table held in ACCESS EXCLUSIVE mode by a transaction of its own, until closed: every
 * statement on it waits, as on a stalled database.
 */
public final class TableLock implements AutoCloseable {

	private final Connection connection;

	private TableLock(Connection connection) {
		this.connection = connection;
	}

	public static TableLock exclusive(ConnectionFactory connections, String table) {
		Connection connection = Mono.from(connections.create()).block();
		Mono.from(connection.beginTransaction()).block();
		Mono.from(connection.createStatement("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE").execute())
			.flatMap(result -> Mono.from(result.getRowsUpdated()))
			.block();
		return new TableLock(connection);
	}

	@Override
	public void close() {
		Mono.from(connection.rollbackTransaction()).then(Mono.from(connection.close())).block();
	}

}
