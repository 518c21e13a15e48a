package dev.fugong.plate.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.plate.model.ChangeState;
import dev.fugong.plate.model.PlateRefusal;
import dev.fugong.plate.model.PlateRules;
import dev.fugong.plate.model.PlateSource;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 红黄蓝挂牌: the only way an enterprise's plate changes. Every change is recorded with its
 * reason, actor and source; a RED waits for a second official of the enterprise's zone
 * (never the proposer) before it suspends the enterprise. Changes of one enterprise are
 * serialized by an advisory lock, so two officials acting at once see each other's
 * change.
 */
@Service
public class PlateService {

	/** The first half of the advisory lock key ("plat"); the enterprise is the second. */
	private static final int LOCK = 0x706c6174;

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final PlateRules rules;

	private final Clock clock;

	PlateService(DatabaseClient database, EnterpriseService enterprises, AuditService audit, PlateProperties properties,
			Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.audit = audit;
		this.rules = new PlateRules(clock, properties.zone(), properties.confirmationWindow());
		this.clock = clock;
	}

	/** An official's change from the console: for enterprises it oversees. */
	@Transactional
	public Mono<PlateChange> propose(CurrentUser official, UUID enterpriseId, Plate color, String reason,
			LocalDate rectifyBy) {
		return enterprises.requireOverseen(official, enterpriseId)
			.flatMap(visible -> lock(enterpriseId))
			.then(Mono.defer(() -> enterprises.requireOverseen(official, enterpriseId)))
			.flatMap(enterprise -> change(official.id(), enterprise, color, reason, rectifyBy, PlateSource.OFFICIAL,
					null));
	}

	/**
	 * A change another feature's result calls for (a filing approved, an inspection
	 * failed or a follow-up passed), inside that feature's transaction. The caller has
	 * checked the actor's scope on the enterprise. Refusals are errors, as for an
	 * official.
	 */
	public Mono<PlateChange> record(UUID actorId, UUID enterpriseId, Plate color, String reason, LocalDate rectifyBy,
			PlateSource source, UUID sourceId) {
		return lock(enterpriseId).then(Mono.defer(() -> enterprises.find(enterpriseId)))
			.flatMap(enterprise -> change(actorId, enterprise, color, reason, rectifyBy, source, sourceId));
	}

	/**
	 * What a proposal would become, without making it: for features that only change a
	 * plate when the rules allow (a filing approved on an enterprise that has one keeps
	 * it).
	 */
	public boolean allows(Plate current, Plate wanted, PlateSource source, LocalDate rectifyBy) {
		return !rules.propose(current, wanted, source, rectifyBy).refused();
	}

	/** The district's today, for rectification dates. */
	public LocalDate today() {
		return rules.today();
	}

	/** The second official's confirmation of a RED: it takes effect now. */
	@Transactional
	public Mono<PlateChange> confirm(CurrentUser official, UUID changeId, String note) {
		return overseenChange(official, changeId)
			.flatMap(found -> lock(found.enterpriseId()).then(Mono.defer(() -> find(changeId))))
			.flatMap(change -> {
				var refusal = rules.confirm(change.state(), change.proposedBy(), change.proposedAt(), official.id());
				if (refusal.isPresent()) {
					return Mono.error(problem(refusal.get()));
				}
				var now = clock.instant();
				return enterprises.find(change.enterpriseId())
					.flatMap(enterprise -> database.sql("""
							UPDATE plate_change SET state = 'EFFECTIVE', from_color = :from, decided_by = :by,
							    decided_at = :now, decision_note = :note, effective_at = :now
							WHERE id = :id AND state = 'AWAITING_CONFIRMATION'
							""")
						.bind("from", Parameter.fromOrEmpty(name(enterprise.plate()), String.class))
						.bind("by", official.id())
						.bind("now", now)
						.bind("note", Parameter.fromOrEmpty(note, String.class))
						.bind("id", changeId)
						.then())
					.then(enterprises.applyPlate(change.enterpriseId(), change.color()))
					.then(audit.record(new AuditEntry(official.id(), "PLATE_CHANGE_CONFIRMED", "enterprise",
							change.enterpriseId().toString(), null,
							Map.of("changeId", changeId.toString(), "color", change.color().name()))))
					.then(find(changeId));
			});
	}

	/**
	 * A RED turned down by an official over the enterprise (the proposer may withdraw its
	 * own): it never takes effect.
	 */
	@Transactional
	public Mono<PlateChange> reject(CurrentUser official, UUID changeId, String note) {
		return overseenChange(official, changeId)
			.flatMap(found -> lock(found.enterpriseId()).then(Mono.defer(() -> find(changeId))))
			.flatMap(change -> {
				if (change.state() != ChangeState.AWAITING_CONFIRMATION) {
					return Mono.error(new ApiException.Conflict("change_not_awaiting",
							"This change is not waiting for confirmation (it is " + change.state() + ")."));
				}
				return database.sql("""
						UPDATE plate_change SET state = 'REJECTED', decided_by = :by, decided_at = :now,
						    decision_note = :note
						WHERE id = :id AND state = 'AWAITING_CONFIRMATION'
						""")
					.bind("by", official.id())
					.bind("now", clock.instant())
					.bind("note", note)
					.bind("id", changeId)
					.then()
					.then(audit.record(new AuditEntry(official.id(), "PLATE_CHANGE_REJECTED", "enterprise",
							change.enterpriseId().toString(), null, Map.of("changeId", changeId.toString()))))
					.then(find(changeId));
			});
	}

	/** One change, for whoever may read its enterprise. */
	public Mono<PlateChange> get(CurrentUser user, UUID changeId) {
		return find(changeId).flatMap(change -> enterprises.get(user, change.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Plate change"))
			.thenReturn(withExpiry(change)));
	}

	/**
	 * One change by id, for a feature that has checked the caller's scope on its
	 * enterprise (an inspection showing the change it led to).
	 */
	public Mono<PlateChange> change(UUID changeId) {
		return find(changeId).map(this::withExpiry);
	}

	/** The plate of an enterprise the caller may read, with its history. */
	public Mono<PlateView> view(CurrentUser user, UUID enterpriseId) {
		return enterprises.get(user, enterpriseId).flatMap(this::view);
	}

	/** The plate in force for an enterprise whose scope the caller has checked. */
	public Mono<PlateView> view(Enterprise enterprise) {
		return history(enterprise.id()).collectList().map(history -> {
			PlateChange inForce = history.stream()
				.filter(change -> change.state() == ChangeState.EFFECTIVE && change.color() == enterprise.plate())
				.findFirst()
				.orElse(null);
			PlateChange pending = history.stream()
				.filter(change -> change.state() == ChangeState.AWAITING_CONFIRMATION)
				.map(this::withExpiry)
				.filter(change -> change.state() == ChangeState.AWAITING_CONFIRMATION)
				.findFirst()
				.orElse(null);
			LocalDate rectifyBy = inForce == null ? null : inForce.rectifyBy();
			return new PlateView(enterprise.id(), enterprise.plate(), inForce == null ? null : inForce.effectiveAt(),
					rectifyBy, rules.overdue(enterprise.plate(), rectifyBy), pending,
					history.stream().map(this::withExpiry).toList());
		});
	}

	/** REDs waiting for a second official, at enterprises the caller oversees. */
	public Flux<PlateChange> pending(CurrentUser official) {
		return database
			.sql("SELECT " + PlateChange.COLUMNS
					+ " FROM plate_change WHERE state = 'AWAITING_CONFIRMATION' ORDER BY proposed_at LIMIT 1000")
			.map(PlateChange::read)
			.all()
			.map(this::withExpiry)
			.filter(change -> change.state() == ChangeState.AWAITING_CONFIRMATION)
			.concatMap(change -> oversees(official, change.enterpriseId()).filter(Boolean::booleanValue)
				.map(yes -> change));
	}

	/**
	 * YELLOW plates past their rectification date with no passed follow-up yet (it would
	 * have made them BLUE), at enterprises the caller oversees, most overdue first.
	 * @param zoneId narrows to a zone subtree the caller oversees; null for all
	 */
	public Flux<Overdue> overdue(CurrentUser official, UUID zoneId) {
		Mono<Set<UUID>> zones = zoneId == null ? Mono.just(Set.of())
				: enterprises.officialSubtrees(official).flatMap(subtrees -> {
					if (!official.isDistrictAdmin() && !subtrees.contains(zoneId)) {
						return Mono.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE,
								"The zone is outside your scope."));
					}
					return enterprises.zoneSubtree(zoneId);
				});
		return zones.flatMapMany(zoneFilter -> database.sql("""
				SELECT * FROM (
				    SELECT DISTINCT ON (enterprise_id) enterprise_id, color, rectify_by
				    FROM plate_change WHERE state = 'EFFECTIVE'
				    ORDER BY enterprise_id, effective_at DESC
				) latest
				WHERE color = 'YELLOW' AND rectify_by < :today
				ORDER BY rectify_by, enterprise_id
				LIMIT 1000
				""")
			.bind("today", rules.today())
			.map(row -> new Object[] { row.get("enterprise_id", UUID.class), row.get("rectify_by", LocalDate.class) })
			.all()
			.concatMap(row -> enterprises.requireOverseen(official, (UUID) row[0])
				.filter(enterprise -> enterprise.plate() == Plate.YELLOW
						&& (zoneFilter.isEmpty() || zoneFilter.contains(enterprise.zoneId())))
				.map(enterprise -> new Overdue(enterprise, (LocalDate) row[1],
						java.time.temporal.ChronoUnit.DAYS.between((LocalDate) row[1], rules.today())))
				.onErrorResume(ApiException.class, hidden -> Mono.empty())));
	}

	/** A YELLOW past its date. */
	public record Overdue(Enterprise enterprise, LocalDate rectifyBy, long daysOverdue) {
	}

	private Mono<PlateChange> change(UUID actorId, Enterprise enterprise, Plate color, String reason,
			LocalDate rectifyBy, PlateSource source, UUID sourceId) {
		var decision = rules.propose(enterprise.plate(), color, source, rectifyBy);
		if (decision.refused()) {
			return Mono.error(problem(decision.refusal()));
		}
		var now = clock.instant();
		boolean effective = decision.state() == ChangeState.EFFECTIVE;
		PlateChange change = new PlateChange(Ids.newId(), enterprise.id(), enterprise.plate(), color, reason, rectifyBy,
				source, sourceId, decision.state(), actorId, now, null, null, null, effective ? now : null);
		Mono<Void> before = effective ? Mono.empty() : expireStale(enterprise.id()).then(requireNoPending(enterprise));
		return before.then(insert(change))
			.then(effective ? enterprises.applyPlate(enterprise.id(), color).then() : Mono.empty())
			.then(audit.record(new AuditEntry(actorId, effective ? "PLATE_CHANGED" : "PLATE_CHANGE_PROPOSED",
					"enterprise", enterprise.id().toString(), null,
					Map.of("changeId", change.id().toString(), "color", color.name(), "from",
							String.valueOf(enterprise.plate()), "source", source.name()))))
			.thenReturn(change);
	}

	private Mono<Void> requireNoPending(Enterprise enterprise) {
		return database
			.sql("SELECT count(*) FROM plate_change WHERE enterprise_id = :id " + "AND state = 'AWAITING_CONFIRMATION'")
			.bind("id", enterprise.id())
			.map(row -> row.get(0, Long.class))
			.one()
			.flatMap(
					count -> count > 0
							? Mono.error(new ApiException.Conflict("change_pending",
									"A RED plate for this enterprise is already waiting for confirmation."))
							: Mono.empty());
	}

	/**
	 * Marks REDs that waited past their window as expired, so a new one may be proposed.
	 */
	private Mono<Void> expireStale(UUID enterpriseId) {
		return database
			.sql("SELECT id, proposed_at FROM plate_change WHERE enterprise_id = :id "
					+ "AND state = 'AWAITING_CONFIRMATION'")
			.bind("id", enterpriseId)
			.map(row -> new Object[] { row.get("id", UUID.class), row.get("proposed_at", java.time.Instant.class) })
			.all()
			.filter(row -> rules.expired((java.time.Instant) row[1]))
			.concatMap(row -> database.sql("UPDATE plate_change SET state = 'EXPIRED' WHERE id = :id")
				.bind("id", row[0])
				.then())
			.then();
	}

	private Mono<Void> insert(PlateChange change) {
		return database.sql("INSERT INTO plate_change (" + PlateChange.COLUMNS + ") VALUES (:id, :enterprise, :from, "
				+ ":color, :reason, :rectifyBy, :source, :sourceId, :state, :proposedBy, :proposedAt, NULL, NULL, NULL, "
				+ ":effectiveAt)")
			.bind("id", change.id())
			.bind("enterprise", change.enterpriseId())
			.bind("from", Parameter.fromOrEmpty(name(change.fromColor()), String.class))
			.bind("color", change.color().name())
			.bind("reason", change.reason())
			.bind("rectifyBy", Parameter.fromOrEmpty(change.rectifyBy(), LocalDate.class))
			.bind("source", change.source().name())
			.bind("sourceId", Parameter.fromOrEmpty(change.sourceId(), UUID.class))
			.bind("state", change.state().name())
			.bind("proposedBy", change.proposedBy())
			.bind("proposedAt", change.proposedAt())
			.bind("effectiveAt", Parameter.fromOrEmpty(change.effectiveAt(), java.time.Instant.class))
			.then();
	}

	private Flux<PlateChange> history(UUID enterpriseId) {
		return database
			.sql("SELECT " + PlateChange.COLUMNS
					+ " FROM plate_change WHERE enterprise_id = :id ORDER BY proposed_at DESC, id DESC LIMIT 200")
			.bind("id", enterpriseId)
			.map(PlateChange::read)
			.all();
	}

	private Mono<PlateChange> find(UUID changeId) {
		return database.sql("SELECT " + PlateChange.COLUMNS + " FROM plate_change WHERE id = :id")
			.bind("id", changeId)
			.map(PlateChange::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Plate change")));
	}

	/** A change whose enterprise the caller oversees: 404 if it cannot see it at all. */
	private Mono<PlateChange> overseenChange(CurrentUser official, UUID changeId) {
		return find(changeId).flatMap(change -> enterprises.requireOverseen(official, change.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Plate change"))
			.thenReturn(change));
	}

	private Mono<Boolean> oversees(CurrentUser official, UUID enterpriseId) {
		return enterprises.requireOverseen(official, enterpriseId)
			.map(enterprise -> true)
			.onErrorResume(ApiException.class, no -> Mono.just(false));
	}

	/** A RED past its window shows as EXPIRED, whether or not that was written yet. */
	private PlateChange withExpiry(PlateChange change) {
		if (change.state() == ChangeState.AWAITING_CONFIRMATION && rules.expired(change.proposedAt())) {
			return new PlateChange(change.id(), change.enterpriseId(), change.fromColor(), change.color(),
					change.reason(), change.rectifyBy(), change.source(), change.sourceId(), ChangeState.EXPIRED,
					change.proposedBy(), change.proposedAt(), null, null, null, null);
		}
		return change;
	}

	private Mono<Void> lock(UUID enterpriseId) {
		return database.sql("SELECT pg_advisory_xact_lock(:lock, hashtext(:id))")
			.bind("lock", LOCK)
			.bind("id", enterpriseId.toString())
			.then();
	}

	private static String name(Plate plate) {
		return plate == null ? null : plate.name();
	}

	static ApiException problem(PlateRefusal refusal) {
		return switch (refusal.kind()) {
			case INVALID -> new ApiException.InvalidField(refusal.field(), refusal.message());
			case CONFLICT -> new ApiException.Conflict(refusal.code(), refusal.message());
			case FORBIDDEN -> new ApiException(HttpStatus.FORBIDDEN, refusal.code(), refusal.message());
		};
	}

}
