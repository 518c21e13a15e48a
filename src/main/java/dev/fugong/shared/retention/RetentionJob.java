package dev.fugong.shared.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The one scheduled purge: every hour, every {@link Purge} of every feature, each in its
 * own transaction under a PostgreSQL advisory lock, so with several pods running one
 * purges at a time and the others skip that round. A purge that fails is logged and
 * retried the next hour; the others still run.
 */
@Component
public class RetentionJob {

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	/**
	 * The first half of the advisory lock key ("fugr"); the purge's name is the second.
	 */
	static final int LOCK = 0x66756772;

	private final List<Purge> purges;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final MeterRegistry meters;

	private final Clock clock;

	RetentionJob(List<Purge> purges, DatabaseClient database, ReactiveTransactionManager transactions,
			MeterRegistry meters, Clock clock) {
		this.purges = purges;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactions);
		this.meters = meters;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fugong.retention.interval:PT1H}", initialDelayString = "PT2M")
	void scheduled() {
		run().subscribe(null, error -> log.warn("Retention purge failed; retried within the hour", error));
	}

	/**
	 * Runs every purge once, each only if no other pod is purging it now.
	 * @return the purges that ran, with how much each removed
	 */
	public Mono<List<Purged>> run() {
		Instant now = clock.instant();
		return Flux.fromIterable(purges).concatMap(purge -> runOne(purge, now.minus(purge.retention()))).collectList();
	}

	private Mono<Purged> runOne(Purge purge, Instant cutoff) {
		Mono<Purged> locked = database.sql("SELECT pg_try_advisory_xact_lock(:lock, hashtext(:name))")
			.bind("lock", LOCK)
			.bind("name", purge.name())
			.map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
			.one()
			.flatMap(held -> held ? purge.purge(cutoff).map(count -> new Purged(purge.name(), cutoff, count))
					: Mono.empty());
		return transactions.transactional(locked).doOnNext(purged -> {
			meters.counter("fugong.retention.purged", "what", purged.name()).increment(purged.count());
			if (purged.count() > 0) {
				log.info("Retention: {} purged {} older than {}", purged.name(), purged.count(), purged.cutoff());
			}
		}).onErrorResume(error -> {
			log.warn("Retention purge of {} failed; retried within the hour", purge.name(), error);
			return Mono.empty();
		});
	}

	/** One purge that ran: what, up to when, and how much went. */
	public record Purged(String name, Instant cutoff, long count) {
	}

}
