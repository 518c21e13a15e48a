package dev.fugong.scanin.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Who entered a residential community today, for the officials of its grid (卡点登记): every
 * person with an inbound scan today at one of its checkpoints, newcomers (增量) first. A
 * newcomer was first seen at this community within the last 14 days (today included); the
 * scans reach back {@code fugong.scans.retention} (21 days), so a resident absent for all
 * of days 15–21 before its return counts as new again. Names and phones are masked and
 * the read is audited in the same transaction.
 */
@Service
public class CommunityEntries {

	/** 增量: first seen at the community within this many days, today included. */
	static final int NEWCOMER_DAYS = 14;

	/** At most this many people in one answer; a compound has hundreds to thousands. */
	static final int LIMIT = 5000;

	private final EnterpriseService enterprises;

	private final PersonService persons;

	private final AuditService audit;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final Clock clock;

	private final ZoneId zone;

	private final Duration lookBack;

	CommunityEntries(EnterpriseService enterprises, PersonService persons, AuditService audit, DatabaseClient database,
			ReactiveTransactionManager transactions, Clock clock, FugongProperties properties) {
		this.enterprises = enterprises;
		this.persons = persons;
		this.audit = audit;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactions);
		this.clock = clock;
		this.zone = properties.scans().zone();
		this.lookBack = properties.scans().retention();
	}

	/** Today's entries of a community the caller oversees; otherwise "not found". */
	public Mono<Entries> today(CurrentUser user, UUID communityId) {
		LocalDate day = LocalDate.now(clock.withZone(zone));
		Instant dayStart = day.atStartOfDay(zone).toInstant();
		Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
		Instant newSince = day.minusDays(NEWCOMER_DAYS - 1L).atStartOfDay(zone).toInstant();
		Instant since = dayStart.minus(lookBack);
		return enterprises.community(user, communityId)
			.flatMap(community -> enterprises.communityPlaceIds(community.id()).collectList())
			.flatMap(
					places -> transactions
						.transactional(
								places.isEmpty() ? Mono.just(List.<Entry>of())
										: rows(places, since, dayStart, dayEnd,
												newSince)
											.flatMap(
													rows -> named(rows)
														.flatMap(
																entries -> audit
																	.record(new AuditEntry(user.id(),
																			"COMMUNITY_ENTRIES_READ", "community",
																			communityId.toString(), null,
																			Map.of("date", day.toString(), "people",
																					entries.size())))
																	.thenReturn(entries))))
						.map(items -> new Entries(communityId, day, items,
								items.stream().filter(Entry::newcomer).count())));
	}

	/**
	 * One pass over the community's places' scans of the look-back window by
	 * {@code scan_in_place_idx} (place_id, scanned_at): a person's first scan there, and
	 * today's first entry, last scan and its direction and decision, fevers.
	 */
	private Mono<List<Row>> rows(List<UUID> places, Instant since, Instant dayStart, Instant dayEnd, Instant newSince) {
		return database.sql("""
				SELECT person_id,
				       min(scanned_at) AS first_seen,
				       min(scanned_at) FILTER (WHERE scanned_at >= :dayStart AND NOT outbound) AS first_in,
				       max(scanned_at) FILTER (WHERE scanned_at >= :dayStart) AS last_at,
				       (array_agg(outbound ORDER BY scanned_at DESC) FILTER (WHERE scanned_at >= :dayStart))[1]
				           AS last_outbound,
				       (array_agg(admitted ORDER BY scanned_at DESC) FILTER (WHERE scanned_at >= :dayStart))[1]
				           AS last_admitted,
				       coalesce(bool_or(fever) FILTER (WHERE scanned_at >= :dayStart), false) AS fever
				FROM scan_in
				WHERE place_id = ANY(:places) AND scanned_at >= :since AND scanned_at < :dayEnd
				GROUP BY person_id
				HAVING min(scanned_at) FILTER (WHERE scanned_at >= :dayStart AND NOT outbound) IS NOT NULL
				ORDER BY min(scanned_at) >= :newSince DESC, 3 DESC, person_id
				LIMIT :limit
				""")
			.bind("places", places.toArray(UUID[]::new))
			.bind("since", since)
			.bind("dayStart", dayStart)
			.bind("dayEnd", dayEnd)
			.bind("newSince", newSince)
			.bind("limit", LIMIT)
			.map(row -> {
				Instant firstSeen = row.get("first_seen", Instant.class);
				return new Row(row.get("person_id", UUID.class), firstSeen, row.get("first_in", Instant.class),
						row.get("last_at", Instant.class), Boolean.TRUE.equals(row.get("last_outbound", Boolean.class)),
						Boolean.TRUE.equals(row.get("last_admitted", Boolean.class)),
						Boolean.TRUE.equals(row.get("fever", Boolean.class)), !firstSeen.isBefore(newSince));
			})
			.all()
			.collectList();
	}

	private Mono<List<Entry>> named(List<Row> rows) {
		if (rows.isEmpty()) {
			return Mono.just(List.of());
		}
		return persons.findAllById(rows.stream().map(Row::personId).toList())
			.collectMap(PersonProfile::id, Function.identity())
			.map(profiles -> rows.stream().map(row -> {
				PersonProfile profile = profiles.get(row.personId());
				return new Entry(row.personId(), profile == null ? null : profile.maskedName(),
						profile == null ? null : profile.maskedPhone(), row.newcomer(), row.firstSeen(), row.firstIn(),
						row.lastAt(), row.lastOutbound() ? "OUT" : "IN", row.lastAdmitted() ? "ADMIT" : "DENY",
						row.fever());
			}).toList());
	}

	private record Row(UUID personId, Instant firstSeen, Instant firstIn, Instant lastAt, boolean lastOutbound,
			boolean lastAdmitted, boolean fever, boolean newcomer) {
	}

	/** Today's entries, newcomers first, then the latest entry first. */
	public record Entries(UUID communityId, LocalDate date, List<Entry> items, long newcomers) {
	}

	/**
	 * One person who entered today.
	 *
	 * @param name masked (张*)
	 * @param phone masked (138****5678)
	 * @param newcomer 增量: first seen at this community within the last 14 days
	 * @param firstSeenAt its first scan at this community within the scans' retention
	 * @param firstInAt its first inbound scan today
	 * @param lastAt its last scan today, in or out
	 * @param lastDirection whether that was IN or OUT: who is inside now
	 * @param lastDecision ADMIT or DENY at that scan
	 * @param fever whether any scan today found a fever
	 */
	@Schema(name = "CommunityEntry")
	public record Entry(UUID personId, String name, String phone, boolean newcomer, Instant firstSeenAt,
			Instant firstInAt, Instant lastAt, String lastDirection, String lastDecision, boolean fever) {

		@Override
		public String toString() {
			return "Entry[" + personId + "]";
		}

	}

}
