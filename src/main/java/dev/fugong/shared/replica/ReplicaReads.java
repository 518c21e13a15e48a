package dev.fugong.shared.replica;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Reads that may be a little stale (dashboards' counters, trajectories and contact
 * screenings, returnee lists and exports), on a PostgreSQL streaming replica when
 * {@code fugong.database.replica.url} names one, else on the primary. Writes and reads
 * that must see a write just made never come here; an audited read writes its audit row
 * on the primary after the read and answers only once that row is written (ADR 0053). A
 * failing replica is not an outage: the read runs again on the primary.
 * <p>
 * The replica's lag is the gauge {@code fugong.db.replica.lag} (seconds; 0 when it has
 * replayed everything it received, NaN with no replica or no answer), read every 5 s: the
 * age of the last transaction it replayed while WAL waits to be replayed.
 */
@Component
public class ReplicaReads implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);

	private static final String LAG = "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
			+ "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
			+ "ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END";

	private final DatabaseClient primary;

	private final DatabaseClient replica;

	private final ConnectionPool pool;

	private final TransactionalOperator primaryTransactions;

	private final TransactionalOperator replicaTransactions;

	private static final TransactionDefinition READ_ONLY = readOnly();

	private final AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);

	ReplicaReads(DatabaseClient primary, ReactiveTransactionManager primaryTransactions,
			@Value("${fugong.database.replica.url:}") String url,
			@Value("${fugong.database.replica.username:}") String username,
			@Value("${fugong.database.replica.password:}") String password,
			ObjectProvider<ConnectionFactoryOptionsBuilderCustomizer> customizers, MeterRegistry meters) {
		this.primary = primary;
		this.primaryTransactions = TransactionalOperator.create(primaryTransactions, READ_ONLY);
		if (url.isBlank()) {
			this.pool = null;
			this.replica = primary;
			this.replicaTransactions = this.primaryTransactions;
		}
		else {
			ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(url).mutate();
			if (!username.isBlank()) {
				options.option(ConnectionFactoryOptions.USER, username);
			}
			if (!password.isBlank()) {
				options.option(ConnectionFactoryOptions.PASSWORD, password);
			}
			// What the primary's connections get: the runtime role (RuntimeRoleConfig)
			// and
			// the server's event loops (EventLoopConfig).
			customizers.orderedStream().forEach(customizer -> customizer.customize(options));
			options.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofSeconds(2));
			this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options.build()))
				.initialSize(0)
				.maxSize(10)
				.maxAcquireTime(Duration.ofSeconds(2))
				.build());
			this.replica = DatabaseClient.create(pool);
			this.replicaTransactions = TransactionalOperator.create(new R2dbcTransactionManager(pool), READ_ONLY);
		}
		Gauge.builder("fugong.db.replica.lag", lag, AtomicReference::get)
			.description("Seconds the PostgreSQL replica that serves stale-tolerant reads is behind")
			.baseUnit("seconds")
			.register(meters);
	}

	/**
	 * The query on the replica; on the primary if the replica fails (down, or a recovery
	 * conflict cancelled the statement).
	 */
	public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> query) {
		if (pool == null) {
			return query.apply(primary);
		}
		return query.apply(replica).onErrorResume(error -> {
			log.warn("A read on the replica failed, read on the primary: {}", error.toString());
			return query.apply(primary);
		});
	}

	/**
	 * The query in a read-only transaction of its own (for {@code SET LOCAL}), on the
	 * replica; on the primary if the replica fails. Not for use inside a transaction of
	 * the primary's that must see the query's rows: this one is separate.
	 */
	public <T> Mono<T> readInTransaction(Function<DatabaseClient, Mono<T>> query) {
		Mono<T> onPrimary = primaryTransactions.transactional(Mono.defer(() -> query.apply(primary)));
		if (pool == null) {
			return onPrimary;
		}
		return replicaTransactions.transactional(Mono.defer(() -> query.apply(replica))).onErrorResume(error -> {
			log.warn("A read on the replica failed, read on the primary: {}", error.toString());
			return onPrimary;
		});
	}

	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT1S")
	void measureLag() {
		if (pool == null) {
			return;
		}
		replica.sql(LAG).map(row -> {
			Double seconds = row.get(0, Double.class);
			return seconds == null ? Double.NaN : seconds;
		}).one().timeout(Duration.ofSeconds(4)).subscribe(lag::set, error -> lag.set(Double.NaN));
	}

	private static TransactionDefinition readOnly() {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setReadOnly(true);
		return definition;
	}

	@Override
	public void destroy() {
		if (pool != null) {
			pool.dispose();
		}
	}

}
