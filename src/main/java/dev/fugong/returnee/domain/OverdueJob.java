package dev.fugong.returnee.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.returnee.model.SlotRules;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the returnees in observation who missed the last report slot whose deadline has
 * passed, and marks the slot as missed on them (missed_slot_at): they show as
 * REPORT_OVERDUE until they report again. Every minute on every pod; the statement is
 * idempotent (a slot is marked once), so pods need no lock. Everyone else who missed the
 * slot is listed by {@code GET /api/v1/health-reports/missing}.
 */
@Component
class OverdueJob {

	private static final Logger log = LoggerFactory.getLogger(OverdueJob.class);

	private final DatabaseClient database;

	private final SlotRules slots;

	private final ObservationRules rules;

	private final LocalTime afternoonOpens;

	private final Clock clock;

	/**
	 * Set when the context starts closing: no run starts, and one cut short says nothing.
	 */
	private volatile boolean closing;

	OverdueJob(DatabaseClient database, SlotRules slots, ObservationRules rules, ReturneeProperties properties,
			Clock clock) {
		this.database = database;
		this.slots = slots;
		this.rules = rules;
		this.afternoonOpens = properties.reports().afternoonOpens();
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT30S")
	void scheduled() {
		if (closing) {
			return;
		}
		run().subscribe(null, error -> {
			if (!closing) {
				log.warn("Overdue reports not marked; retried in a minute: {}", error.toString());
			}
		});
	}

	/** From the start of a shutdown no run starts, and one cut short says nothing. */
	@EventListener(ContextClosedEvent.class)
	void closing() {
		closing = true;
	}

	/**
	 * Marks the last due slot as missed on the observed returnees without a report in it.
	 * @return how many returnees were marked now
	 */
	Mono<Long> run() {
		SlotRules.Slot slot = slots.lastDue(clock.instant());
		Instant deadline = slots.deadline(slot.date(), slot.slot());
		// The slot opened at midnight (morning) or at afternoon-opens: a person who had
		// arrived by then owed a report in it.
		Instant opened = (slot.slot() == ReportSlot.MORNING ? slot.date().atStartOfDay(rules.zone())
				: slot.date().atTime(afternoonOpens).atZone(rules.zone()))
			.toInstant();
		// Observed at the deadline: arrival_day + days > the deadline's day.
		return database.sql("""
				UPDATE returnee r SET missed_slot_at = :deadline, changed_at = clock_timestamp()
				WHERE r.abnormal_at IS NULL
				  AND r.arrival_at <= :opened
				  AND r.arrival_day > :clearedFrom
				  AND (r.missed_slot_at IS NULL OR r.missed_slot_at < :deadline)
				  AND NOT EXISTS (SELECT 1 FROM health_report h
				                  WHERE h.person_id = r.person_id AND h.slot_date = :date AND h.slot = :slot)
				""")
			.bind("deadline", deadline)
			.bind("opened", opened)
			.bind("clearedFrom", slot.date().minusDays(rules.observationDays()))
			.bind("date", slot.date())
			.bind("slot", slot.slot().name())
			.fetch()
			.rowsUpdated()
			.doOnNext(marked -> {
				if (marked > 0) {
					log.info("{} returnees missed the {} {} report", marked, slot.date(), slot.slot());
				}
			});
	}

}
