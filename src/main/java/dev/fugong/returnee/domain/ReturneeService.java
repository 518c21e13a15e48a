package dev.fugong.returnee.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.region.domain.RegionRiskService;
import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.FlagRules;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.ReturneeStatus;
import dev.fugong.returnee.model.TravelLeg;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.replica.ReplicaReads;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.transaction.AfterCommit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Returnees (返岗人员, 一人一档): registration by the returnee itself or its manager, the lists
 * people at desks work from, one returnee's file, nucleic-acid tests. Status is derived
 * (ObservationRules), never stored. Scope per grant: managers their enterprises, guides
 * the enterprises they are stationed in, officials their zone subtrees, the district
 * admin everything; a returnee outside the caller's scope is "not found", a filter
 * outside it is 403 {@code out_of_scope}. Every read of a returnee's personal data is
 * audited in the same transaction.
 */
@Service
public class ReturneeService {

	/** Roles that read an enterprise's returnees. */
	static final Role[] READERS = { Role.ENTERPRISE_MANAGER, Role.GUIDE };

	/** Roles that change them and export them. */
	static final Role[] WRITERS = { Role.ENTERPRISE_MANAGER };

	/** Rows per query of an export: one chunk in memory at a time. */
	static final int EXPORT_CHUNK = 1000;

	/** Lists count their matches up to this many. */
	public static final int COUNT_LIMIT = 1000;

	/** At most this many legs in a route. */
	static final int MAX_LEGS = 30;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final PersonService persons;

	private final EnterpriseService enterprises;

	private final UserDirectory users;

	private final RegionCatalog regions;

	private final RegionRiskService risks;

	private final ObservationRules rules;

	private final FlagRules flagRules;

	private final ObservationCache cache;

	private final HealthReportStore reports;

	private final AuditService audit;

	private final PersonalDataCipher cipher;

	private final JsonMapper json;

	private final ReturneeProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReplicaReads replicas;

	ReturneeService(DatabaseClient database, ReactiveTransactionManager transactions, PersonService persons,
			EnterpriseService enterprises, UserDirectory users, RegionCatalog regions, RegionRiskService risks,
			ObservationRules rules, FlagRules flagRules, ObservationCache cache, HealthReportStore reports,
			AuditService audit, PersonalDataCipher cipher, JsonMapper json, ReturneeProperties properties,
			ApplicationEventPublisher events, Clock clock, ReplicaReads replicas) {
		this.database = database;
		this.replicas = replicas;
		this.transactions = TransactionalOperator.create(transactions);
		this.persons = persons;
		this.enterprises = enterprises;
		this.users = users;
		this.regions = regions;
		this.risks = risks;
		this.rules = rules;
		this.flagRules = flagRules;
		this.cache = cache;
		this.reports = reports;
		this.audit = audit;
		this.cipher = cipher;
		this.json = json;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Registers a returnee: from the mini-program the signed-in person for itself (an
	 * enterprise it works for), from the console a manager (or an official over the
	 * enterprise) for an employee. Up to the pre-arrival days before arrival (EXPECTED).
	 * A declaration from or through a high-risk region, or with contact with a case, is
	 * accepted and flagged. The same trip again (person, enterprise, departure day)
	 * returns the first registration unchanged.
	 */
	public Mono<Registered> register(CurrentUser user, Registration registration) {
		return Mono.defer(() -> {
			validate(registration);
			Mono<Who> who = user.audience() == Audience.MINI_PROGRAM ? self(user, registration)
					: byManager(user, registration);
			return who.flatMap(found -> flags(registration).flatMap(flags -> insert(user, registration, found, flags)));
		});
	}

	private record Who(UUID personId, Enterprise enterprise) {
	}

	private Mono<Who> self(CurrentUser user, Registration registration) {
		return users.findById(user.id())
			.filter(found -> found.personId() != null)
			.switchIfEmpty(Mono.error(() -> new ApiException.Conflict("phone_not_bound",
					"Bind your phone number first: a returnee is a person.")))
			.flatMap(found -> persons.findById(found.personId()))
			.flatMap(person -> {
				UUID enterpriseId = registration.enterpriseId();
				boolean works = enterpriseId.equals(person.enterpriseId())
						|| user.holdsFor(enterpriseId, Role.EMPLOYEE);
				if (!works) {
					return Mono.error(new ApiException.NotFound("Enterprise"));
				}
				return enterprises.find(enterpriseId)
					.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Enterprise")))
					.flatMap(enterprise -> register(person.phone(), null, null, enterprise));
			});
	}

	private Mono<Who> byManager(CurrentUser user, Registration registration) {
		if (registration.phone() == null) {
			return Mono.error(new ApiException.InvalidField("phone", "is required when a manager registers"));
		}
		return enterprises.requireWritable(user, registration.enterpriseId())
			.flatMap(enterprise -> register(registration.phone(), registration.idNumber(), registration.name(),
					enterprise));
	}

	private Mono<Who> register(String phone, String idNumber, String name, Enterprise enterprise) {
		return persons.registerAll(List.of(new PersonService.Registration(phone, idNumber, name, enterprise.id())))
			.flatMap(registered -> {
				PersonService.Registered one = registered.get(0);
				if (one.personId() == null) {
					return Mono.error(new ApiException.InvalidField(one.refusedField(),
							"belongs to another person (another phone number)"));
				}
				return Mono.just(new Who(one.personId(), enterprise));
			});
	}

	/** Field checks that need the region table and the clock. */
	private void validate(Registration registration) {
		if (!regions.exists(registration.originRegion())) {
			throw new ApiException.InvalidField("originRegion", "is not a GB/T 2260 region code");
		}
		String home = properties.homeRegion();
		if (home != null && !home.isEmpty() && regions.chain(registration.originRegion()).contains(home)) {
			throw new ApiException.InvalidField("originRegion",
					"is inside the district's own city: not a returnee from outside");
		}
		Instant now = clock.instant();
		if (registration.arrivedAt() == null && registration.expectedArrivalAt() == null) {
			throw new ApiException.InvalidField("arrivedAt", "or expectedArrivalAt is required");
		}
		if (registration.arrivedAt() != null && registration.arrivedAt().isAfter(now.plus(Duration.ofMinutes(5)))) {
			throw new ApiException.InvalidField("arrivedAt", "is in the future: give expectedArrivalAt instead");
		}
		Instant arrival = arrival(registration);
		if (!rules.registrableNow(arrival)) {
			throw new ApiException.InvalidField(registration.arrivedAt() != null ? "arrivedAt" : "expectedArrivalAt",
					"is more than " + properties.preArrivalDays() + " days ahead: register closer to the arrival");
		}
		if (registration.departedAt().isAfter(arrival)) {
			throw new ApiException.InvalidField("departedAt", "is after the arrival");
		}
		if (registration.departedAt().isBefore(arrival.minus(Duration.ofDays(60)))) {
			throw new ApiException.InvalidField("departedAt", "is more than 60 days before the arrival");
		}
		if (registration.travel().size() > MAX_LEGS) {
			throw new ApiException.InvalidField("travel", "has more than " + MAX_LEGS + " legs");
		}
		for (int i = 0; i < registration.travel().size(); i++) {
			TravelLeg leg = registration.travel().get(i);
			if (!regions.exists(leg.region())) {
				throw new ApiException.InvalidField("travel[" + i + "].region", "is not a GB/T 2260 region code");
			}
			if (leg.to().isBefore(leg.from())) {
				throw new ApiException.InvalidField("travel[" + i + "].to", "is before from");
			}
			if (leg.from().isAfter(arrival.plus(Duration.ofMinutes(5)))) {
				throw new ApiException.InvalidField("travel[" + i + "].from", "is after the arrival");
			}
		}
	}

	private static Instant arrival(Registration registration) {
		return registration.arrivedAt() != null ? registration.arrivedAt() : registration.expectedArrivalAt();
	}

	private Mono<Set<Flag>> flags(Registration registration) {
		Set<String> codes = new HashSet<>(regions.chain(registration.originRegion()));
		registration.travel().forEach(leg -> codes.addAll(regions.chain(leg.region())));
		return risks.timeline(codes)
			.map(timeline -> flagRules.flags(timeline, registration.originRegion(), registration.departedAt(),
					arrival(registration), registration.travel(), registration.contactWithCase()));
	}

	private Mono<Registered> insert(CurrentUser user, Registration registration, Who who, Set<Flag> flags) {
		Instant arrival = arrival(registration);
		Travel travel = new Travel(registration.originRegion(), registration.transport(), registration.travel());
		String source = user.audience() == Audience.MINI_PROGRAM ? "SELF" : "MANAGER";
		UUID id = Ids.newId();
		Mono<Registered> work = database.sql("""
				INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, departed_day,
				                      arrived_at, expected_arrival_at, arrival_at, arrival_day, contact_with_case,
				                      flags, source, registered_by, created_at)
				VALUES (:id, :person, :enterprise, :zone, :travel, :departedAt, :departedDay, :arrivedAt,
				        :expectedArrivalAt, :arrivalAt, :arrivalDay, :contact, :flags, :source, :by, :now)
				ON CONFLICT (person_id, enterprise_id, departed_day) DO NOTHING
				RETURNING id
				""")
			.bind("id", id)
			.bind("person", who.personId())
			.bind("enterprise", who.enterprise().id())
			.bind("zone", who.enterprise().zoneId())
			.bind("travel", encrypt(travel))
			.bind("departedAt", registration.departedAt())
			.bind("departedDay", rules.day(registration.departedAt()))
			.bind("arrivedAt", Parameter.fromOrEmpty(registration.arrivedAt(), Instant.class))
			.bind("expectedArrivalAt",
					Parameter.fromOrEmpty(registration.arrivedAt() == null ? registration.expectedArrivalAt() : null,
							Instant.class))
			.bind("arrivalAt", arrival)
			.bind("arrivalDay", rules.day(arrival))
			.bind("contact", registration.contactWithCase())
			.bind("flags", ReturneeRow.flags(flags))
			.bind("source", source)
			.bind("by", user.id())
			.bind("now", clock.instant())
			.map(row -> row.get("id", UUID.class))
			.one()
			.flatMap(created -> audit
				.record(new AuditEntry(user.id(), "RETURNEE_REGISTERED", "returnee", created.toString(), null,
						Map.of("enterpriseId", who.enterprise().id().toString(), "source", source)))
				.then(changed(Set.of(who.enterprise().id())))
				.then(findRow(created))
				.map(row -> registered(row, true)))
			.switchIfEmpty(Mono.defer(() -> database.sql("SELECT " + ReturneeRow.COLUMNS
					+ " FROM returnee WHERE person_id = :person AND enterprise_id = :enterprise AND departed_day = :day")
				.bind("person", who.personId())
				.bind("enterprise", who.enterprise().id())
				.bind("day", rules.day(registration.departedAt()))
				.map(ReturneeRow::read)
				.one()
				.map(row -> registered(row, false))));
		return transactions.transactional(work)
			.flatMap(done -> cache.refresh(List.of(who.personId())).thenReturn(done));
	}

	private Registered registered(ReturneeRow row, boolean created) {
		return new Registered(row.id(), rules.status(row.facts()), rules.observationEndsAt(row.arrivalAt()),
				List.copyOf(row.flags()), created);
	}

	/**
	 * The travel the person declared on its returnee records that arrive on or after
	 * {@code since}, newest arrival first, for the trajectory queries (issue 12), read on
	 * the replica when there is one. No scope and no audit here: the caller checks its
	 * caller's scope on each record's enterprise and zone and audits the read.
	 */
	public Mono<List<DeclaredTravel>> declaredTravel(UUID personId, Instant since) {
		return replicas.read(database -> database.sql("""
				SELECT id, enterprise_id, zone_id, departed_at, arrival_at, travel_cipher FROM returnee
				WHERE person_id = :person AND arrival_at >= :since ORDER BY arrival_at DESC, id DESC LIMIT 20
				""")
			.bind("person", personId)
			.bind("since", since)
			.map(row -> new Object[] { row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
					row.get("zone_id", UUID.class), row.get("departed_at", Instant.class),
					row.get("arrival_at", Instant.class), row.get("travel_cipher", byte[].class) })
			.all()
			.map(row -> {
				Travel travel = decrypt((byte[]) row[5]);
				List<DeclaredTravel.Leg> legs = travel.legs()
					.stream()
					.map(leg -> new DeclaredTravel.Leg(leg.region(),
							leg.region() == null ? null : regions.fullName(leg.region()), leg.from(), leg.to()))
					.toList();
				return new DeclaredTravel((UUID) row[0], (UUID) row[1], (UUID) row[2], (Instant) row[3],
						(Instant) row[4], travel.origin(),
						travel.origin() == null ? null : regions.fullName(travel.origin()),
						travel.transport() == null ? null : travel.transport().name(), legs);
			})
			.collectList());
	}

	/**
	 * The persons registered as returnees of the enterprise whose arrival is on or after
	 * {@code since}: the population of a one-click contact screening (issue 12).
	 */
	public Flux<UUID> returneePersons(UUID enterpriseId, Instant since) {
		return database.sql("""
				SELECT DISTINCT person_id FROM returnee WHERE enterprise_id = :enterprise AND arrival_at >= :since
				""").bind("enterprise", enterpriseId).bind("since", since).map(row -> row.get(0, UUID.class)).all();
	}

	/**
	 * Travel a person declared as a returnee: personal data (location), for an answer
	 * that is audited.
	 */
	public record DeclaredTravel(UUID returneeId, UUID enterpriseId, UUID zoneId, Instant departedAt, Instant arrivalAt,
			String origin, String originName, String transport, List<Leg> legs) {

		@Override
		public String toString() {
			return "DeclaredTravel[returneeId=" + returneeId + "]";
		}

		/** One leg of the route. */
		public record Leg(String region, String regionName, Instant from, Instant to) {

			@Override
			public String toString() {
				return "Leg[]";
			}

		}

	}

	byte[] encrypt(Travel travel) {
		return cipher.encrypt(json.writeValueAsString(travel), Column.RETURNEE_TRAVEL);
	}

	Travel decrypt(byte[] travel) {
		return json.readValue(cipher.decrypt(travel, Column.RETURNEE_TRAVEL), Travel.class);
	}

	private Mono<ReturneeRow> findRow(UUID id) {
		return database.sql("SELECT " + ReturneeRow.COLUMNS + " FROM returnee WHERE id = :id")
			.bind("id", id)
			.map(ReturneeRow::read)
			.one();
	}

	/** A page of the returnees in scope, filtered and sorted; audited. */
	public Mono<Page> list(CurrentUser user, ReturneeFilter filter, int page, int size) {
		return resolve(user, filter, READERS).flatMap(where -> {
			String order = " ORDER BY " + filter.sort().column
					+ (filter.ascending() ? " ASC, id ASC" : " DESC, id DESC");
			String sql;
			if (where.driveKeys() != null) {
				// One ordered index range per enterprise (or zone) of the scope, each cut
				// at
				// the page's end, merged: an official's subtree of a million rows reads a
				// page's worth from each zone instead of sorting them all.
				sql = "SELECT r.* FROM unnest(:driveKeys::uuid[]) AS k(key) CROSS JOIN LATERAL (SELECT "
						+ ReturneeRow.COLUMNS + " FROM returnee WHERE " + where.driveColumn() + " = k.key AND "
						+ where.sql() + order + " LIMIT :branchLimit) r" + order + " LIMIT :limit OFFSET :offset";
			}
			else {
				sql = "SELECT " + ReturneeRow.COLUMNS + " FROM returnee WHERE " + where.sql() + order
						+ " LIMIT :limit OFFSET :offset";
			}
			DatabaseClient.GenericExecuteSpec spec = bind(database.sql(sql), where).bind("limit", size)
				.bind("offset", (long) page * size);
			if (where.driveKeys() != null) {
				spec = spec.bind("driveKeys", where.driveKeys()).bind("branchLimit", (long) page * size + size);
			}
			Mono<List<ReturneeRow>> rows = spec.map(ReturneeRow::read).all().collectList();
			// Counted up to COUNT_LIMIT: beyond, the page says so (totalExact false)
			// rather than count a zone's million rows for every page; the summary counts
			// exactly. Read like the page, one index range per key in index order, each
			// cut at the limit: a plain LIMIT left the planner free to bitmap-scan every
			// match first (100 ms and more for an official's zone, 2-3 ms this way).
			String counted;
			if (where.driveKeys() != null) {
				counted = "SELECT count(*) FROM (SELECT 1 FROM unnest(:driveKeys::uuid[]) AS k(key) CROSS JOIN LATERAL"
						+ " (SELECT 1 FROM returnee WHERE " + where.driveColumn() + " = k.key AND " + where.sql()
						+ " ORDER BY arrival_at DESC, id DESC LIMIT " + COUNT_LIMIT + ") r LIMIT " + COUNT_LIMIT
						+ ") AS counted";
			}
			else {
				counted = "SELECT count(*) FROM (SELECT 1 FROM returnee WHERE " + where.sql() + " LIMIT " + COUNT_LIMIT
						+ ") AS counted";
			}
			DatabaseClient.GenericExecuteSpec countSpec = bind(database.sql(counted), where);
			if (where.driveKeys() != null) {
				countSpec = countSpec.bind("driveKeys", where.driveKeys());
			}
			Mono<Long> total = countSpec.map(row -> row.get(0, Long.class)).one();
			Mono<Page> answer = database.sql(ReturneeQueries.CUSTOM_PLANS)
				.then()
				.then(rows.zipWith(total))
				.flatMap(both -> views(both.getT1(), false).flatMap(views -> audit
					.record(new AuditEntry(user.id(), "RETURNEES_LISTED", "returnee", null, null,
							listDetails(filter, views.size())))
					.thenReturn(new Page(views, both.getT2(), both.getT2() < COUNT_LIMIT))));
			return transactions.transactional(answer);
		});
	}

	/**
	 * One page of a list and how many match in all.
	 *
	 * @param totalExact false when {@link #COUNT_LIMIT} or more match: {@code total} is
	 * then that limit
	 */
	public record Page(List<ReturneeView> items, long total, boolean totalExact) {
	}

	/** How many returnees in scope are in each status. */
	public Mono<Map<String, Long>> summary(CurrentUser user, UUID enterpriseId, UUID zoneId) {
		ReturneeFilter filter = new ReturneeFilter(enterpriseId, zoneId, null, null, false);
		return resolve(user, filter, READERS).flatMap(where -> {
			Map<String, Long> counts = new LinkedHashMap<>();
			for (ReturneeStatus status : ReturneeStatus.values()) {
				counts.put(status.name(), 0L);
			}
			counts.put("total", 0L);
			return bind(
					database.sql("SELECT " + ReturneeQueries.summaryColumns() + " FROM returnee WHERE " + where.sql()),
					where)
				.bind("now", clock.instant())
				.bind("observedFrom", observedFrom())
				.map(row -> {
					for (ReturneeStatus status : ReturneeStatus.values()) {
						counts.put(status.name(), row.get(status.name().toLowerCase(), Long.class));
					}
					counts.put("total", row.get("total", Long.class));
					return counts;
				})
				.one();
		});
	}

	/** One returnee with its travel, tests and health reports; audited. */
	public Mono<ReturneeView> get(CurrentUser user, UUID id) {
		return visible(user, id, READERS).flatMap(row -> {
			Mono<List<ReturneeView.TestView>> tests = tests(row.id());
			Mono<List<ReturneeView.HealthReportView>> personReports = reports.ofPerson(row.personId(),
					rules.day(row.arrivalAt()).minusDays(1).atStartOfDay(rules.zone()).toInstant());
			Mono<ReturneeView> view = views(List.of(row), true).map(views -> views.get(0))
				.zipWith(tests.zipWith(personReports))
				.map(all -> withDetails(all.getT1(), all.getT2().getT1(), all.getT2().getT2()))
				.flatMap(found -> audit
					.record(new AuditEntry(user.id(), "RETURNEE_VIEWED", "returnee", id.toString(), null,
							Map.of("enterpriseId", row.enterpriseId().toString())))
					.thenReturn(found));
			return transactions.transactional(view);
		});
	}

	/**
	 * Records a nucleic-acid test (seed 000). A POSITIVE makes the person ABNORMAL: all
	 * of its returnee records, and its health status, which every gate reads.
	 */
	public Mono<ReturneeView.TestView> addTest(CurrentUser user, UUID id, Instant takenAt, TestResult result) {
		if (takenAt.isAfter(clock.instant().plus(Duration.ofMinutes(5)))) {
			return Mono.error(new ApiException.InvalidField("takenAt", "is in the future"));
		}
		return visible(user, id, READERS).flatMap(row -> requireWriter(user, row).then(Mono.defer(() -> {
			// A sample from before the 14 days ahead of the trip says nothing about it.
			if (takenAt.isBefore(row.departedAt().minus(Duration.ofDays(rules.observationDays())))) {
				return Mono.error(new ApiException.InvalidField("takenAt", "is long before the departure"));
			}
			UUID testId = Ids.newId();
			Instant now = clock.instant();
			Mono<Void> insert = database.sql("""
					INSERT INTO nucleic_acid_test (id, returnee_id, taken_at, result, recorded_by, recorded_at)
					VALUES (:id, :returnee, :takenAt, :result, :by, :now)
					""")
				.bind("id", testId)
				.bind("returnee", id)
				.bind("takenAt", takenAt)
				.bind("result", result.name())
				.bind("by", user.id())
				.bind("now", now)
				.then();
			Mono<Void> abnormal = result != TestResult.POSITIVE ? Mono.empty()
					: markAbnormal(row.personId(), now).then(persons.markAbnormal(row.personId()));
			Mono<Void> audited = audit.record(new AuditEntry(user.id(), "NUCLEIC_ACID_TEST_RECORDED", "returnee",
					id.toString(), null, Map.of("result", result.name())));
			return transactions.transactional(insert.then(abnormal).then(audited))
				.thenReturn(new ReturneeView.TestView(testId, takenAt, result, now));
		})));
	}

	/**
	 * Whether a POSITIVE nucleic-acid test is on file for the person (any of its returnee
	 * records): a confirmed case, whose contacts may be warned. No scope check: the
	 * caller checked its own on the screening that names the person.
	 */
	public Mono<Boolean> testedPositive(UUID personId) {
		return database.sql("""
				SELECT EXISTS (SELECT 1 FROM nucleic_acid_test t JOIN returnee r ON r.id = t.returnee_id
				               WHERE r.person_id = :person AND t.result = 'POSITIVE')
				""").bind("person", personId).map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class))).one();
	}

	/** The person's returnee records become ABNORMAL from {@code at} (if not already). */
	Mono<Void> markAbnormal(UUID personId, Instant at) {
		return database.sql("""
				UPDATE returnee SET abnormal_at = :at, changed_at = clock_timestamp()
				WHERE person_id = :person AND abnormal_at IS NULL
				RETURNING enterprise_id
				""")
			.bind("at", at)
			.bind("person", personId)
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(Collectors.toSet())
			.flatMap(this::changed);
	}

	/**
	 * Tells the other features, once the current transaction commits, that these
	 * enterprises' returnee counts may have moved.
	 */
	Mono<Void> changed(Set<UUID> enterpriseIds) {
		return enterpriseIds.isEmpty() ? Mono.empty()
				: AfterCommit.run(() -> events.publishEvent(new ReturneesChanged(enterpriseIds)));
	}

	/**
	 * Per enterprise among these (those with any returnee on file): how many returnees
	 * are on file and how many are in observation now (IN_OBSERVATION or REPORT_OVERDUE:
	 * arrived, still in the observation period, not abnormal), for the dashboards and the
	 * guides' prefilled reports. No scope check: the callers check their own. One query
	 * over the enterprise index, grouped.
	 */
	public Mono<Map<UUID, Tally>> tallies(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return database
			.sql("SELECT enterprise_id, count(*) AS on_file, count(*) FILTER (WHERE " + ReturneeQueries.OBSERVED_NOW
					+ ") AS observed FROM returnee WHERE enterprise_id = ANY(:ids) GROUP BY enterprise_id")
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.bind("now", clock.instant())
			.bind("observedFrom", observedFrom())
			.map(row -> Map.entry(row.get(0, UUID.class),
					new Tally(row.get(1, Long.class).intValue(), row.get(2, Long.class).intValue())))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * An enterprise's returnees: on file, and of those in observation now.
	 */
	public record Tally(int onFile, int inObservation) {
	}

	/**
	 * The filtered list in chunks, for an export: keyset pages of {@link #EXPORT_CHUNK}
	 * rows, each read when the previous one has been written out, so a large export never
	 * sits in memory. Audited once, with the filter.
	 */
	public Flux<List<ReturneeView>> export(CurrentUser user, ReturneeFilter filter, String format) {
		return resolve(user, filter, WRITERS).flatMapMany(where -> {
			Map<String, Object> details = new HashMap<>(listDetails(filter, 0));
			details.remove("count");
			details.put("format", format);
			return audit.record(new AuditEntry(user.id(), "RETURNEES_EXPORTED", "returnee", null, null, details))
				.thenMany(chunk(where, filter, null).expand(rows -> rows.size() < EXPORT_CHUNK ? Mono.empty()
						: chunk(where, filter, rows.get(rows.size() - 1))))
				.filter(rows -> !rows.isEmpty())
				.concatMap(rows -> views(rows, true));
		});
	}

	private Mono<List<ReturneeRow>> chunk(ReturneeQueries.Where where, ReturneeFilter filter, ReturneeRow after) {
		String column = filter.sort().column;
		String direction = filter.ascending() ? "ASC" : "DESC";
		String keyset = "";
		if (after != null) {
			keyset = " AND (" + column + ", id) " + (filter.ascending() ? ">" : "<") + " (:afterValue, :afterId)";
		}
		String sql = "SELECT " + ReturneeRow.COLUMNS + " FROM returnee WHERE " + where.sql() + keyset + " ORDER BY "
				+ column + " " + direction + ", id " + direction + " LIMIT " + EXPORT_CHUNK;
		// On the replica when there is one (the export's audit row is already written on
		// the primary), in a transaction of its own for the values' plan
		// (ReturneeQueries.CUSTOM_PLANS).
		return replicas.readInTransaction(client -> {
			DatabaseClient.GenericExecuteSpec spec = bind(client.sql(sql), where);
			if (after != null) {
				spec = spec.bind("afterValue", switch (filter.sort()) {
					case ARRIVAL -> after.arrivalAt();
					case DEPARTURE -> after.departedAt();
					case REGISTERED -> after.createdAt();
				}).bind("afterId", after.id());
			}
			return client.sql(ReturneeQueries.CUSTOM_PLANS)
				.then()
				.then(spec.map(ReturneeRow::read).all().collectList());
		});
	}

	private static Map<String, Object> listDetails(ReturneeFilter filter, int count) {
		Map<String, Object> details = new HashMap<>();
		details.put("count", count);
		if (filter.enterpriseId() != null) {
			details.put("enterpriseId", filter.enterpriseId().toString());
		}
		if (filter.zoneId() != null) {
			details.put("zoneId", filter.zoneId().toString());
		}
		if (filter.status() != null) {
			details.put("status", filter.status().name());
		}
		return details;
	}

	/**
	 * The caller's scope and filters as a WHERE clause; FALSE when the caller sees
	 * nothing. A filter outside the scope is 403 out_of_scope.
	 */
	private Mono<ReturneeQueries.Where> resolve(CurrentUser user, ReturneeFilter filter, Role[] roles) {
		return scope(user, roles).flatMap(scope -> {
			if (scope.isNothing()) {
				return Mono.just(NOTHING);
			}
			Mono<Void> enterpriseCheck = Mono.empty();
			if (filter.enterpriseId() != null && !scope.all() && !scope.enterprises().contains(filter.enterpriseId())) {
				// An enterprise that does not exist is out of scope too: a 404 here would
				// tell which ids exist.
				enterpriseCheck = enterprises.find(filter.enterpriseId())
					.onErrorResume(ApiException.NotFound.class, missing -> Mono.empty())
					.filter(enterprise -> scope.zones().contains(enterprise.zoneId()))
					.switchIfEmpty(Mono.error(() -> new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE,
							"The enterprise is outside your scope.")))
					.then();
			}
			Mono<Set<UUID>> zones = Mono.just(Set.of());
			boolean zoneFilter = filter.zoneId() != null;
			if (zoneFilter) {
				if (!scope.all() && scope.enterprises().isEmpty() && !scope.zones().contains(filter.zoneId())) {
					return Mono.<ReturneeQueries.Where>error(
							new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
				}
				zones = enterprises.zoneSubtree(filter.zoneId());
			}
			return enterpriseCheck.then(zones)
				.map(subtree -> ReturneeQueries.where(scope, filter.enterpriseId(), zoneFilter ? subtree : null,
						filter.status(), clock.instant(), observedFrom()));
		});
	}

	private static final ReturneeQueries.Where NOTHING = new ReturneeQueries.Where("FALSE", Map.of());

	Mono<ReturneeScope> scope(CurrentUser user, Role... roles) {
		return enterprises.officialSubtrees(user)
			.map(zones -> new ReturneeScope(user.isDistrictAdmin(), Set.copyOf(user.enterprisesAs(roles)), zones));
	}

	/** The returnee if the caller may see it; otherwise "not found". */
	private Mono<ReturneeRow> visible(CurrentUser user, UUID id, Role... roles) {
		return scope(user, roles)
			.flatMap(scope -> findRow(id).filter(row -> scope.covers(row.enterpriseId(), row.zoneId())))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Returnee")));
	}

	/** A guide reads but does not change: 403 for it. */
	private Mono<Void> requireWriter(CurrentUser user, ReturneeRow row) {
		return scope(user, WRITERS).flatMap(scope -> scope.covers(row.enterpriseId(), row.zoneId()) ? Mono.<Void>empty()
				: Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Your role does not allow changing this returnee.")));
	}

	/** The first instant of an arrival still observed today. */
	private Instant observedFrom() {
		return rules.today().minusDays(rules.observationDays() - 1).atStartOfDay(rules.zone()).toInstant();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			ReturneeQueries.Where where) {
		for (var bind : where.binds().entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec;
	}

	private Mono<List<ReturneeView.TestView>> tests(UUID returneeId) {
		return database.sql(
				"SELECT id, taken_at, result, recorded_at FROM nucleic_acid_test WHERE returnee_id = :id ORDER BY taken_at")
			.bind("id", returneeId)
			.map(row -> new ReturneeView.TestView(row.get("id", UUID.class), row.get("taken_at", Instant.class),
					TestResult.valueOf(row.get("result", String.class)), row.get("recorded_at", Instant.class)))
			.all()
			.collectList();
	}

	/** Rows to views: their persons in one read, enterprise names once each, masked. */
	private Mono<List<ReturneeView>> views(List<ReturneeRow> rows, boolean withTravel) {
		if (rows.isEmpty()) {
			return Mono.just(List.of());
		}
		Set<UUID> personIds = new HashSet<>();
		Set<UUID> enterpriseIds = new HashSet<>();
		rows.forEach(row -> {
			personIds.add(row.personId());
			enterpriseIds.add(row.enterpriseId());
		});
		Mono<Map<UUID, PersonProfile>> people = persons.findAllById(personIds)
			.collectMap(PersonProfile::id, Function.identity());
		Mono<Map<UUID, String>> names = Flux.fromIterable(enterpriseIds)
			.flatMap(id -> enterprises.find(id).onErrorResume(ApiException.NotFound.class, missing -> Mono.empty()), 4)
			.collectMap(Enterprise::id, Enterprise::name);
		return people.zipWith(names).map(both -> {
			List<ReturneeView> views = new ArrayList<>(rows.size());
			for (ReturneeRow row : rows) {
				views
					.add(view(row, both.getT1().get(row.personId()), both.getT2().get(row.enterpriseId()), withTravel));
			}
			return views;
		});
	}

	private ReturneeView view(ReturneeRow row, PersonProfile person, String enterpriseName, boolean withTravel) {
		Travel travel = decrypt(row.travelCipher());
		List<ReturneeView.Leg> legs = withTravel ? travel.legs()
			.stream()
			.map(leg -> new ReturneeView.Leg(leg.region(), regions.fullName(leg.region()), leg.from(), leg.to()))
			.toList() : null;
		return new ReturneeView(row.id(), person == null ? null : Masking.name(person.name()),
				person == null ? null : Masking.phone(person.phone()),
				person == null ? null : Masking.idNumber(person.idNumber()), row.enterpriseId(), enterpriseName,
				travel.origin(), regions.fullName(travel.origin()), travel.transport(), row.departedAt(),
				row.arrivedAt(), row.expectedArrivalAt(), rules.observationEndsAt(row.arrivalAt()),
				rules.status(row.facts()), List.copyOf(row.flags()), row.source(), row.createdAt(), legs, null, null);
	}

	private static ReturneeView withDetails(ReturneeView view, List<ReturneeView.TestView> tests,
			List<ReturneeView.HealthReportView> reports) {
		return new ReturneeView(view.id(), view.maskedName(), view.maskedPhone(), view.maskedIdNumber(),
				view.enterpriseId(), view.enterpriseName(), view.originRegion(), view.originName(), view.transport(),
				view.departedAt(), view.arrivedAt(), view.expectedArrivalAt(), view.observationEndsAt(), view.status(),
				view.flags(), view.source(), view.registeredAt(), view.travel(), tests, reports);
	}

	/** Persons' ids of rows, for callers that refresh the gate cache. */
	static List<UUID> personsOf(Collection<ReturneeRow> rows) {
		return rows.stream().map(ReturneeRow::personId).distinct().toList();
	}

}
