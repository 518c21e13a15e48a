package dev.fugong.shared.retention;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * How long one kind of record that holds personal data (or tells who read it) is kept,
 * and how it is deleted once older. Each feature declares its own as a bean; the
 * {@link RetentionJob} runs them all. A table that holds personal data without one is a
 * defect (STYLE.md, "Data").
 */
public interface Purge {

	/** What is purged, for logs and metrics: a table name, say. */
	String name();

	/** How long a record is kept after the instant the purge counts from. */
	Duration retention();

	/**
	 * Deletes what is older than {@code cutoff} (now less the retention).
	 * @return how many records (or day partitions) went
	 */
	Mono<Long> purge(Instant cutoff);

}
