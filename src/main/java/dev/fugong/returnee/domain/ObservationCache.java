package dev.fugong.returnee.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.scanin.domain.ObservationSource;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gate's view of returnees, held in memory on every pod: the persons whose
 * observation is not over, with its end and, if flagged, until when they must not return.
 * A scan asks it without a database or Redis round trip (the scan-in path is the hot
 * path: issue 16).
 * <p>
 * Kept current three ways: a write on this pod refreshes the persons it touched before it
 * answers (so this pod's gates see it at once); every {@code cache-refresh} (2 s) the pod
 * reads the returnees changed since its last read by database time, with a 10-second
 * overlap for transactions that committed late (so other pods' writes arrive within about
 * two seconds); every ten minutes it reloads everything observed, which also drops the
 * cleared. Until the first load has finished a scan reads its person's rows (one indexed
 * read) rather than trust an empty cache. See
 * docs/adr/0010-observation-cache-on-every-pod.md.
 */
@Component
class ObservationCache implements ObservationSource {

	private static final Logger log = LoggerFactory.getLogger(ObservationCache.class);

	private static final Duration OVERLAP = Duration.ofSeconds(10);

	private static final Duration FULL_RELOAD = Duration.ofMinutes(10);

	/**
	 * What a reload reads of each row. The arrival as microseconds since the epoch, not
	 * as a timestamp: the driver reads results as text, and parsing a quarter of a
	 * million timestamps at each full reload was most of the reload's CPU (profiled in
	 * bench/returnees.sh: 12 % of the service's CPU during the list requests).
	 */
	private static final String COLUMNS = "person_id, (extract(epoch FROM arrival_at) * 1000000)::bigint,"
			+ " flags <> ''";

	private final DatabaseClient database;

	private final ObservationRules rules;

	private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

	/** Stamps local refreshes, so a poll that read before one does not undo it. */
	private final AtomicLong stamps = new AtomicLong();

	private final AtomicBoolean polling = new AtomicBoolean();

	private volatile boolean loaded;

	/**
	 * Set when the context starts closing: no run starts, and one cut short says nothing.
	 */
	private volatile boolean closing;

	private volatile Instant polledAt;

	private volatile long fullLoadAtNanos;

	ObservationCache(DatabaseClient database, ObservationRules rules) {
		this.database = database;
		this.rules = rules;
	}

	@Override
	public Mono<Observation> observation(UUID personId) {
		if (!loaded) {
			return rowsOf(List.of(personId)).mapNotNull(rows -> toObservation(rows.get(personId)));
		}
		Entry entry = entries.get(personId);
		return entry == null || entry.observation() == null ? Mono.empty() : Mono.just(entry.observation());
	}

	/**
	 * Reads these persons' returnees again and replaces their entries: called by every
	 * write of this pod, after its commit and before its answer.
	 */
	Mono<Void> refresh(Collection<UUID> persons) {
		if (persons.isEmpty()) {
			return Mono.empty();
		}
		return rowsOf(persons).doOnNext(rows -> {
			long stamp = stamps.incrementAndGet();
			for (UUID person : persons) {
				entries.put(person, new Entry(toObservation(rows.get(person)), stamp));
			}
		}).then();
	}

	@Scheduled(fixedDelayString = "${fugong.returnees.cache-refresh:2s}", initialDelay = 0)
	void scheduled() {
		if (closing) {
			return;
		}
		poll().subscribe(null, error -> {
			if (!closing) {
				log.warn("Observation cache not refreshed; retried: {}", error.toString());
			}
		});
	}

	/** From the start of a shutdown no poll starts, and one cut short says nothing. */
	@EventListener(ContextClosedEvent.class)
	void closing() {
		closing = true;
	}

	/**
	 * Reads what changed since the last poll; everything on the first and every ten
	 * minutes.
	 */
	Mono<Void> poll() {
		if (!polling.compareAndSet(false, true)) {
			return Mono.empty();
		}
		long startStamp = stamps.get();
		boolean full = !loaded || System.nanoTime() - fullLoadAtNanos > FULL_RELOAD.toNanos();
		return database.sql("SELECT clock_timestamp() AS now")
			.map(row -> row.get("now", Instant.class))
			.one()
			.flatMap(now -> (full ? loadAll() : loadChanged(polledAt.minus(OVERLAP))).doOnNext(rows -> {
				if (full) {
					entries.keySet().retainAll(rows.keySet());
					fullLoadAtNanos = System.nanoTime();
				}
				rows.forEach((person, personRows) -> {
					Entry current = entries.get(person);
					if (current == null || current.stamp() <= startStamp) {
						entries.put(person, new Entry(toObservation(personRows), 0));
					}
				});
				polledAt = now;
				loaded = true;
			}))
			.then()
			.doFinally(signal -> polling.set(false));
	}

	/** How many persons are held: observed now, or changed since the last full load. */
	int size() {
		return entries.size();
	}

	private Mono<Map<UUID, List<Arrival>>> loadAll() {
		// Observed now: arrival_day > today - days (the arrival_day index).
		return rows(database.sql("SELECT " + COLUMNS + " FROM returnee WHERE arrival_day > :clearedFrom")
			.bind("clearedFrom", rules.today().minusDays(rules.observationDays())));
	}

	private Mono<Map<UUID, List<Arrival>>> loadChanged(Instant since) {
		return rows(database.sql("""
				SELECT %s FROM returnee
				WHERE person_id IN (SELECT person_id FROM returnee WHERE changed_at > :since)
				""".formatted(COLUMNS)).bind("since", since));
	}

	private Mono<Map<UUID, List<Arrival>>> rowsOf(Collection<UUID> persons) {
		return rows(database.sql("SELECT " + COLUMNS + " FROM returnee WHERE person_id = ANY(:persons)")
			.bind("persons", persons.toArray(UUID[]::new)));
	}

	private static Mono<Map<UUID, List<Arrival>>> rows(DatabaseClient.GenericExecuteSpec spec) {
		return spec
			.map(row -> new Arrival(row.get(0, UUID.class),
					Instant.EPOCH.plus(row.get(1, Long.class), ChronoUnit.MICROS), row.get(2, Boolean.class)))
			.all()
			.collectMultimap(Arrival::person)
			.map(multimap -> {
				Map<UUID, List<Arrival>> rows = new HashMap<>();
				multimap.forEach((person, arrivals) -> rows.put(person, List.copyOf(arrivals)));
				return rows;
			});
	}

	/**
	 * The latest end among the person's observations not over, and of its flagged ones.
	 */
	private Observation toObservation(List<Arrival> arrivals) {
		if (arrivals == null) {
			return null;
		}
		Instant now = rules.today().atStartOfDay(rules.zone()).toInstant();
		Instant ends = null;
		Instant notAllowed = null;
		for (Arrival arrival : arrivals) {
			Instant end = rules.observationEndsAt(arrival.at());
			if (!end.isAfter(now)) {
				continue;
			}
			ends = (ends == null || end.isAfter(ends)) ? end : ends;
			if (arrival.flagged()) {
				notAllowed = (notAllowed == null || end.isAfter(notAllowed)) ? end : notAllowed;
			}
		}
		return ends == null ? null : new Observation(ends, notAllowed);
	}

	private record Arrival(UUID person, Instant at, boolean flagged) {
	}

	private record Entry(Observation observation, long stamp) {
	}

}
