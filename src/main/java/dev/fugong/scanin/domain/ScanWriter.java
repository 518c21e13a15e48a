package dev.fugong.scanin.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * A batch whose INSERT was sent but not confirmed (a timeout, a connection lost to a
 * database that went away) may have committed: its scans fail with {@link Unsettled}, and
 * writing the same rows again is harmless ({@code ON CONFLICT DO NOTHING} on the primary
 * key), so a retry can settle them without a second row.
 * <p>
 * Written by hand: the group commit needs only a queue and a counter, and no library does
 * it over R2DBC.
 */
@Component
class ScanWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ScanWriter.class);

	/**
	 * One statement whatever the batch size: the rows go in as one array per column and
	 * unnest() turns them back into rows. PostgreSQL parses and plans it once per
	 * connection; a multi-row VALUES list was a new statement for every batch size, and
	 * its thousands of parameters were parsed again on every call.
	 */
	private static final String INSERT = """
			INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
			                     admitted, reasons, pass_color, temperature_cipher, fever, recorded_by, outbound)
			SELECT id, at, person, place, enterprise, client, source, admitted, reasons, color,
			       decode(temperature, 'base64'), fever, recorded_by, outbound
			FROM unnest(:ids::uuid[], :ats::timestamptz[], :persons::uuid[], :places::uuid[], :enterprises::uuid[],
			            :clients::text[], :sources::text[], :admitted::boolean[], :reasons::text[], :colors::text[],
			            :temperatures::text[], :fevers::boolean[], :recordedBy::uuid[], :outbound::boolean[])
			     AS row(id, at, person, place, enterprise, client, source, admitted, reasons, color,
			            temperature, fever, recorded_by, outbound)
			ON CONFLICT DO NOTHING
			""";

	private final DatabaseClient database;

	/**
	 * Lock-free, bounded by {@link #waiting}: a blocking queue's lock parked event-loop
	 * threads when many offered at once (found by BlockHound).
	 */
	private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger waiting = new AtomicInteger();

	private final int capacity;

	private final int maxBatchSize;

	private final int maxConcurrentBatches;

	private final Duration writeTimeout;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean running;

	private final Counter rejected;

	ScanWriter(DatabaseClient database, FugongProperties properties, MeterRegistry meters) {
		FugongProperties.Scans settings = properties.scans();
		this.database = database;
		this.capacity = settings.queueCapacity();
		this.maxBatchSize = settings.maxBatchSize();
		this.maxConcurrentBatches = settings.maxConcurrentBatches();
		this.writeTimeout = settings.writeTimeout();
		// What an operator watches before the 503s (k8s/monitoring/rules.yaml): the queue
		// filling towards its capacity, and the scans already turned away.
		Gauge.builder("fugong.scans.writer.queued", waiting, AtomicInteger::get)
			.description("Scan-ins waiting for an INSERT")
			.register(meters);
		Gauge.builder("fugong.scans.writer.capacity", () -> capacity)
			.description("Scan-ins the writer's queue holds before it answers 503")
			.register(meters);
		Gauge.builder("fugong.scans.writer.batches", inFlight, AtomicInteger::get)
			.description("INSERTs of scan-ins running")
			.register(meters);
		this.rejected = Counter.builder("fugong.scans.writer.rejected")
			.description("Scan-ins answered 503 because the writer's queue was full")
			.register(meters);
	}

	/** Completes once the row is committed; a 503 problem if it cannot be now. */
	Mono<Void> write(ScanRow row) {
		return Mono.create(sink -> {
			if (!running) {
				sink.error(unavailable("The service is shutting down. Try again shortly."));
				return;
			}
			if (waiting.incrementAndGet() > capacity) {
				waiting.decrementAndGet();
				rejected.increment();
				sink.error(unavailable("Too many scans at once. Try again in a second."));
				return;
			}
			queue.offer(new Pending(row, sink));
			drain();
		});
	}

	/** Starts INSERTs while there are rows waiting and connections to spare. */
	private void drain() {
		while (waiting.get() > 0) {
			int current = inFlight.get();
			if (current >= maxConcurrentBatches) {
				return;
			}
			if (!inFlight.compareAndSet(current, current + 1)) {
				continue;
			}
			List<Pending> batch = new ArrayList<>(Math.min(waiting.get(), maxBatchSize));
			for (Pending next; batch.size() < maxBatchSize && (next = queue.poll()) != null;) {
				waiting.decrementAndGet();
				batch.add(next);
			}
			if (batch.isEmpty()) {
				inFlight.decrementAndGet();
				continue;
			}
			insert(batch).timeout(writeTimeout).doFinally(signal -> {
				inFlight.decrementAndGet();
				drain();
			}).subscribe(null, error -> {
				log.warn("A batch of {} scan-ins was not written: {}", batch.size(), error.toString());
				batch.forEach(pending -> pending.sink.error(new Unsettled()));
			}, () -> batch.forEach(pending -> pending.sink.success()));
		}
	}

	/** One INSERT of the whole batch: one statement, one commit. */
	private Mono<Void> insert(List<Pending> batch) {
		int n = batch.size();
		UUID[] ids = new UUID[n];
		Instant[] ats = new Instant[n];
		UUID[] persons = new UUID[n];
		UUID[] places = new UUID[n];
		UUID[] enterprises = new UUID[n];
		String[] clients = new String[n];
		String[] sources = new String[n];
		Boolean[] admitted = new Boolean[n];
		String[] reasons = new String[n];
		String[] colors = new String[n];
		String[] temperatures = new String[n];
		Boolean[] fevers = new Boolean[n];
		UUID[] recordedBy = new UUID[n];
		Boolean[] outbound = new Boolean[n];
		for (int i = 0; i < n; i++) {
			ScanRow row = batch.get(i).row;
			ids[i] = row.id();
			ats[i] = row.scannedAt();
			persons[i] = row.personId();
			places[i] = row.placeId();
			enterprises[i] = row.enterpriseId();
			clients[i] = row.clientScanId();
			sources[i] = row.source().name();
			admitted[i] = row.admitted();
			reasons[i] = row.reasons();
			colors[i] = row.passColor();
			// Ciphertext as base64 text: the driver has no bytea[] codec.
			temperatures[i] = row.temperatureCipher() == null ? null
					: Base64.getEncoder().encodeToString(row.temperatureCipher());
			fevers[i] = row.fever();
			recordedBy[i] = row.recordedBy();
			outbound[i] = row.outbound();
		}
		return database.sql(INSERT)
			.bind("ids", ids)
			.bind("ats", ats)
			.bind("persons", persons)
			.bind("places", places)
			.bind("enterprises", enterprises)
			.bind("clients", clients)
			.bind("sources", sources)
			.bind("admitted", admitted)
			.bind("reasons", reasons)
			.bind("colors", colors)
			.bind("temperatures", temperatures)
			.bind("fevers", fevers)
			.bind("recordedBy", recordedBy)
			.bind("outbound", outbound)
			.then();
	}

	static ApiException unavailable(String detail) {
		ApiException problem = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.DEPENDENCY_UNAVAILABLE,
				detail);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return problem;
	}

	/**
	 * The row was sent and may or may not have been committed: to the client a 503 like
	 * any other, to the caller a reason to keep the row for the retry.
	 */
	static final class Unsettled extends ApiException {

		Unsettled() {
			super(HttpStatus.SERVICE_UNAVAILABLE, ProblemCode.DEPENDENCY_UNAVAILABLE,
					"The scan could not be confirmed. Try again with the same clientScanId.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		}

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
		while ((waiting.get() > 0 || inFlight.get() > 0) && System.nanoTime() < deadline) {
			drain();
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (waiting.get() > 0 || inFlight.get() > 0) {
			log.error("Stopped with {} scan-ins unwritten and {} batches in flight", waiting.get(), inFlight.get());
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
