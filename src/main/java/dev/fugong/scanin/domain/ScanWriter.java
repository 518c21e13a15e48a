package dev.fugong.scanin.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import dev.fugong.config.FugongProperties;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes scan-ins in batches: each request's row joins a bounded queue; while one INSERT
 * is in flight the next requests gather, and the next INSERT takes them all (up to
 * {@code maxBatchSize} rows in one statement and one commit). A request is answered when
 * its batch has committed; if the queue is full it gets 503 with Retry-After at once. On
 * shutdown the queue is drained after the web server stops taking requests.
 * <p>
 * Written by hand: the group commit needs only a queue and a counter, and no library does
 * it over R2DBC.
 */
@Component
class ScanWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ScanWriter.class);

	private static final String COLUMNS = "id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source, "
			+ "admitted, reasons, pass_color, temperature_cipher, fever, recorded_by";

	private final DatabaseClient database;

	private final BlockingQueue<Pending> queue;

	private final int maxBatchSize;

	private final int maxConcurrentBatches;

	private final Duration writeTimeout;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean running;

	ScanWriter(DatabaseClient database, FugongProperties properties) {
		FugongProperties.Scans settings = properties.scans();
		this.database = database;
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.maxBatchSize = settings.maxBatchSize();
		this.maxConcurrentBatches = settings.maxConcurrentBatches();
		this.writeTimeout = settings.writeTimeout();
	}

	/** Completes once the row is committed; a 503 problem if it cannot be now. */
	Mono<Void> write(ScanRow row) {
		return Mono.create(sink -> {
			if (!running) {
				sink.error(unavailable("The service is shutting down. Try again shortly."));
				return;
			}
			if (!queue.offer(new Pending(row, sink))) {
				sink.error(unavailable("Too many scans at once. Try again in a second."));
				return;
			}
			drain();
		});
	}

	/** Starts INSERTs while there are rows waiting and connections to spare. */
	private void drain() {
		while (!queue.isEmpty()) {
			int current = inFlight.get();
			if (current >= maxConcurrentBatches) {
				return;
			}
			if (!inFlight.compareAndSet(current, current + 1)) {
				continue;
			}
			List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatchSize));
			queue.drainTo(batch, maxBatchSize);
			if (batch.isEmpty()) {
				inFlight.decrementAndGet();
				continue;
			}
			insert(batch).timeout(writeTimeout).doFinally(signal -> {
				inFlight.decrementAndGet();
				drain();
			}).subscribe(null, error -> {
				log.warn("A batch of {} scan-ins was not written: {}", batch.size(), error.toString());
				batch.forEach(pending -> pending.sink.error(unavailable("The scan could not be saved. Try again.")));
			}, () -> batch.forEach(pending -> pending.sink.success()));
		}
	}

	/** One multi-row INSERT: one statement, one commit. */
	private Mono<Void> insert(List<Pending> batch) {
		StringBuilder sql = new StringBuilder(64 + batch.size() * 160).append("INSERT INTO scan_in (")
			.append(COLUMNS)
			.append(") VALUES ");
		for (int i = 0; i < batch.size(); i++) {
			sql.append(i == 0 ? "(" : ", (");
			for (String column : List.of("id", "at", "person", "place", "enterprise", "client", "source", "admitted",
					"reasons", "color", "temperature", "fever", "by")) {
				sql.append(column.equals("id") ? ":" : ", :").append(column).append(i);
			}
			sql.append(')');
		}
		DatabaseClient.GenericExecuteSpec statement = database.sql(sql.toString());
		for (int i = 0; i < batch.size(); i++) {
			ScanRow row = batch.get(i).row;
			statement = statement.bind("id" + i, row.id())
				.bind("at" + i, row.scannedAt())
				.bind("person" + i, row.personId())
				.bind("place" + i, row.placeId())
				.bind("enterprise" + i, row.enterpriseId())
				.bind("client" + i, row.clientScanId())
				.bind("source" + i, row.source().name())
				.bind("admitted" + i, row.admitted())
				.bind("reasons" + i, row.reasons())
				.bind("color" + i, row.passColor())
				.bind("fever" + i, row.fever());
			statement = (row.temperatureCipher() == null) ? statement.bindNull("temperature" + i, byte[].class)
					: statement.bind("temperature" + i, row.temperatureCipher());
			statement = (row.recordedBy() == null) ? statement.bindNull("by" + i, java.util.UUID.class)
					: statement.bind("by" + i, row.recordedBy());
		}
		return statement.then();
	}

	private static ApiException unavailable(String detail) {
		ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.DEPENDENCY_UNAVAILABLE,
				detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return problem;
	}

	@Override
	public void start() {
		running = true;
	}

	/** New scans are refused; those taken are written before the database goes away. */
	@Override
	public void stop() {
		running = false;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while ((!queue.isEmpty() || inFlight.get() > 0) && System.nanoTime() < deadline) {
			drain();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!queue.isEmpty() || inFlight.get() > 0) {
			log.error("Stopped with {} scan-ins unwritten and {} batches in flight", queue.size(), inFlight.get());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops after the web server (whose graceful shutdown lets requests in progress
	 * finish, their rows included) and before the connection pool closes.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Pending(ScanRow row, MonoSink<Void> sink) {
	}

}
