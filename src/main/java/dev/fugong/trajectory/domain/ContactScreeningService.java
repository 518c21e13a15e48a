package dev.fugong.trajectory.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.PlaceLabel;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.scanin.domain.VisitHistory;
import dev.fugong.scanin.domain.VisitHistory.Encounter;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.RateLimiter;
import dev.fugong.shared.validation.Phone;
import dev.fugong.trajectory.TrajectoryProperties;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * 接触史筛查 (seed 000: 一键筛查): everyone who scanned in at the places a person scanned in at,
 * within a window either side, over the last days; for one person at once, for every
 * returnee of an enterprise as a job (progress in the database row, so any pod answers
 * its events). Officials only, over the visits in their zone subtrees. Each subject's
 * read is audited in its own transaction with its subject, so the person screened sees it
 * among its lookups; the result is stored encrypted and purged after
 * {@code screening-retention}.
 */
@Service
public class ContactScreeningService {

	private static final Logger log = LoggerFactory.getLogger(ContactScreeningService.class);

	static final String VIEWED = "CONTACT_SCREENING_VIEWED";

	static final String EXPORTED = "CONTACT_SCREENING_EXPORTED";

	private static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() {
	};

	private static final TypeReference<List<UUID>> PERSON_IDS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final VisitHistory visits;

	private final PersonService persons;

	private final ReturneeService returnees;

	private final EnterpriseService enterprises;

	private final TrajectoryService trajectories;

	private final AuditService audit;

	private final RateLimiter limiter;

	private final PersonalDataCipher cipher;

	private final JsonMapper json;

	private final TransactionalOperator transactions;

	private final TrajectoryProperties properties;

	private final Clock clock;

	ContactScreeningService(DatabaseClient database, VisitHistory visits, PersonService persons,
			ReturneeService returnees, EnterpriseService enterprises, TrajectoryService trajectories,
			AuditService audit, RateLimiter limiter, PersonalDataCipher cipher, JsonMapper json,
			ReactiveTransactionManager transactions, TrajectoryProperties properties, Clock clock) {
		this.database = database;
		this.visits = visits;
		this.persons = persons;
		this.returnees = returnees;
		this.enterprises = enterprises;
		this.trajectories = trajectories;
		this.audit = audit;
		this.limiter = limiter;
		this.cipher = cipher;
		this.json = json;
		this.transactions = TransactionalOperator.create(transactions);
		this.properties = properties;
		this.clock = clock;
	}

	/** The contacts of the person with this phone, answered at once and stored. */
	public Mono<Screening> screenPerson(CurrentUser user, String phone, int days, Duration window, String purpose) {
		String normalized = Phone.normalize(phone);
		if (normalized == null) {
			return Mono.error(new ApiException.InvalidField("phone", "must be an 11-digit mainland mobile number"));
		}
		return authorize(user, purpose).flatMap(context -> persons.findByPhone(normalized)
			.map(PersonProfile::id)
			// An unknown phone screens as a person without scans: the same statements.
			.defaultIfEmpty(UUID.randomUUID())
			.flatMap(personId -> {
				UUID id = Ids.newId();
				Instant now = clock.instant();
				Mono<Screening> run = screenOne(user, context, personId, days, window, purpose, id)
					.flatMap(contacts -> insert(id, user, "PERSON", personId, days, window, "DONE", 1, 1, contacts, now)
						.thenReturn(new Screening(id, "PERSON", "DONE", new Progress(1, 1), contacts, now, now)));
				return transactions.transactional(run);
			}));
	}

	/**
	 * Starts the screening of every returnee of the enterprise (arrived within the last
	 * {@code days} plus the observation's 14): answers the screening's id at once; the
	 * job runs on this pod and writes its progress to the row.
	 */
	public Mono<UUID> screenEnterprise(CurrentUser user, UUID enterpriseId, int days, Duration window, String purpose) {
		return authorize(user, purpose).flatMap(context -> enterprises.requireOverseen(user, enterpriseId)
			.then(returnees.returneePersons(enterpriseId, clock.instant().minus(Duration.ofDays(days + 14)))
				.collectList())
			.flatMap(subjects -> {
				UUID id = Ids.newId();
				Instant now = clock.instant();
				return transactions
					.transactional(insert(id, user, "ENTERPRISE", enterpriseId, days, window, "RUNNING", 0,
							subjects.size(), null, now)
						.then(audit.record(new AuditEntry(user.id(), "CONTACT_SCREENING_STARTED", "enterprise",
								enterpriseId.toString(), purpose,
								Map.of("screeningId", id.toString(), "returnees", subjects.size())))))
					.doOnSuccess(done -> runJob(user, context, id, subjects, days, window, purpose))
					.thenReturn(id);
			}));
	}

	private void runJob(CurrentUser user, Map<String, Object> context, UUID id, List<UUID> subjects, int days,
			Duration window, String purpose) {
		Map<UUID, Contact> merged = new LinkedHashMap<>();
		int[] done = { 0 };
		Flux.fromIterable(subjects)
			.flatMap(subject -> transactions.transactional(screenOne(user, context, subject, days, window, purpose, id))
				.flatMap(contacts -> {
					synchronized (merged) {
						for (Contact contact : contacts) {
							merged.merge(contact.personId(), contact, Contact::plus);
						}
						done[0]++;
					}
					return progress(id, done[0]);
				}), properties.jobConcurrency())
			.then(Mono.defer(() -> {
				List<Contact> contacts;
				synchronized (merged) {
					contacts = new ArrayList<>(merged.values());
				}
				// A subject of the screening met by another subject is listed too: it is
				// a contact like any other.
				contacts.sort(Comparator.comparing(Contact::maskedPhone, Comparator.nullsLast(String::compareTo)));
				return finish(id, "DONE", contacts.size() > properties.maxContacts()
						? contacts.subList(0, properties.maxContacts()) : contacts);
			}))
			.onErrorResume(error -> {
				log.warn("Contact screening {} failed", id, error);
				return finish(id, "FAILED", List.of());
			})
			.subscribe();
	}

	/**
	 * One subject's contacts: its encounters at places in the caller's scope, grouped by
	 * the other person, masked. Audited (with the subject) in the caller's transaction.
	 */
	@SuppressWarnings("unchecked")
	private Mono<List<Contact>> screenOne(CurrentUser user, Map<String, Object> context, UUID personId, int days,
			Duration window, String purpose, UUID screeningId) {
		Instant to = clock.instant();
		Instant from = to.minus(Duration.ofDays(days));
		Set<UUID> scope = (Set<UUID>) context.get("enterprises");
		return visits.encounters(personId, from, to, window, scope, properties.maxContacts() * 4)
			.flatMap(encounters -> named(encounters))
			.flatMap(contacts -> {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("actorRole", context.get("actorRole"));
				details.put("actorOrganisation", context.get("actorOrganisation"));
				details.put("screeningId", screeningId.toString());
				details.put("contacts", contacts.size());
				details.put("outcome", "ANSWERED");
				return audit
					.record(new AuditEntry(user.id(), TrajectoryService.SCREENED, "person", personId.toString(),
							purpose, details))
					.thenReturn(contacts);
			});
	}

	private Mono<List<Contact>> named(List<Encounter> encounters) {
		if (encounters.isEmpty()) {
			return Mono.just(List.of());
		}
		List<UUID> people = encounters.stream().map(Encounter::personId).distinct().toList();
		List<UUID> places = encounters.stream().map(Encounter::placeId).distinct().toList();
		return persons.findAllById(people)
			.collectMap(PersonProfile::id)
			.zipWith(enterprises.placeLabels(places))
			.map(found -> {
				Map<UUID, Contact> byPerson = new LinkedHashMap<>();
				for (Encounter encounter : encounters) {
					PersonProfile person = found.getT1().get(encounter.personId());
					PlaceLabel place = found.getT2().get(encounter.placeId());
					SharedVisit visit = new SharedVisit(encounter.placeId(), place == null ? null : place.placeName(),
							place == null ? null : place.ownerName(), encounter.contactAt(), encounter.subjectAt());
					byPerson.merge(encounter.personId(),
							new Contact(encounter.personId(), person == null ? null : person.maskedName(),
									person == null ? null : person.maskedPhone(), List.of(visit)),
							Contact::plus);
				}
				return List.copyOf(byPerson.values());
			});
	}

	/**
	 * Officials only (403, audited, for anyone else), within their screening rate limit;
	 * who they are, as the persons screened are shown it, and the enterprises of their
	 * scope.
	 */
	private Mono<Map<String, Object>> authorize(CurrentUser user, String purpose) {
		return trajectories.scope(user).flatMap(scope -> trajectories.actor(user, scope).flatMap(actor -> {
			Map<String, Object> context = new HashMap<>(actor);
			if (scope.zones().isEmpty()) {
				Map<String, Object> refused = new LinkedHashMap<>(actor);
				refused.put("outcome", "REFUSED");
				refused.put("reason", "ROLE");
				return transactions
					.transactional(audit.record(
							new AuditEntry(user.id(), TrajectoryService.SCREENED, "person", null, purpose, refused)))
					.then(Mono.error(
							new ApiException.Forbidden(ProblemCode.FORBIDDEN, "Only officials may screen contacts.")));
			}
			return limiter.acquire("screening:" + user.id(), properties.screeningsPerWindow(), properties.rateWindow())
				.then(enterprises.overseen(user, null))
				// The visits at the communities' checkpoints in the official's zones
				// count
				// too: their scans carry the community as owner (ADR 0050).
				.flatMap(overseen -> overseen.all() ? Mono.just(context)
						: enterprises.officialSubtrees(user).flatMap(enterprises::communityIdsIn).map(communities -> {
							Set<UUID> owners = new java.util.HashSet<>(overseen.enterpriseIds());
							owners.addAll(communities);
							context.put("enterprises", owners);
							return context;
						}));
		}));
	}

	private Mono<Void> insert(UUID id, CurrentUser user, String kind, UUID subject, int days, Duration window,
			String state, int done, int total, List<Contact> contacts, Instant now) {
		return database.sql("""
				INSERT INTO contact_screening (id, started_by, subject_kind, subject_id, days, window_minutes, state,
				    total, done, result_cipher, contacts_cipher, created_at, updated_at, finished_at)
				VALUES (:id, :by, :kind, :subject, :days, :window, :state, :total, :done, :result, :contacts, :now,
				    :now, :finished)
				""")
			.bind("id", id)
			.bind("by", user.id())
			.bind("kind", kind)
			.bind("subject", subject)
			.bind("days", days)
			.bind("window", (int) window.toMinutes())
			.bind("state", state)
			.bind("total", total)
			.bind("done", done)
			.bind("result", Parameter.fromOrEmpty(contacts == null ? null : encrypt(contacts), byte[].class))
			.bind("contacts", Parameter.fromOrEmpty(contacts == null ? null : encryptIds(contacts), byte[].class))
			.bind("now", now)
			.bind("finished", Parameter.fromOrEmpty("DONE".equals(state) ? now : null, Instant.class))
			.then();
	}

	private Mono<Void> progress(UUID id, int done) {
		return database
			.sql("UPDATE contact_screening SET done = GREATEST(done, :done), updated_at = :now WHERE id = :id")
			.bind("done", done)
			.bind("now", clock.instant())
			.bind("id", id)
			.then();
	}

	private Mono<Void> finish(UUID id, String state, List<Contact> contacts) {
		return database.sql("""
				UPDATE contact_screening SET state = :state, result_cipher = :result, contacts_cipher = :contacts,
				    done = total, updated_at = :now, finished_at = :now WHERE id = :id
				""")
			.bind("state", state)
			.bind("result", encrypt(contacts))
			.bind("contacts", encryptIds(contacts))
			.bind("now", clock.instant())
			.bind("id", id)
			.then();
	}

	/** A screening the caller started, with its contacts; audited. Others: 404. */
	public Mono<Screening> get(CurrentUser user, UUID id) {
		return read(user, id).flatMap(
				screening -> transactions
					.transactional(audit.record(new AuditEntry(user.id(), VIEWED, "contact_screening", id.toString(),
							null, Map.of("contacts", screening.contacts().size()))))
					.thenReturn(screening));
	}

	/** The screening for an export; audited as one. */
	public Mono<Screening> export(CurrentUser user, UUID id, String format) {
		return read(user, id)
			.flatMap(screening -> transactions
				.transactional(audit.record(new AuditEntry(user.id(), EXPORTED, "contact_screening", id.toString(),
						null, Map.of("contacts", screening.contacts().size(), "format", format))))
				.thenReturn(screening));
	}

	/**
	 * The screening's progress every half second until it ends, read from its row (the
	 * job may run on another pod). Not audited: it holds no personal data.
	 */
	public Flux<Progress.Event> events(CurrentUser user, UUID id) {
		return state(user, id).flatMapMany(first -> Flux.interval(Duration.ZERO, Duration.ofMillis(500))
			.concatMap(tick -> state(user, id))
			.distinctUntilChanged()
			.takeUntil(event -> !"RUNNING".equals(event.state())));
	}

	private Mono<Progress.Event> state(CurrentUser user, UUID id) {
		return database.sql("SELECT state, done, total FROM contact_screening WHERE id = :id AND started_by = :by")
			.bind("id", id)
			.bind("by", user.id())
			.map(row -> new Progress.Event(row.get("state", String.class),
					new Progress(row.get("done", Integer.class), row.get("total", Integer.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Contact screening")));
	}

	private Mono<Screening> read(CurrentUser user, UUID id) {
		return database.sql("""
				SELECT subject_kind, state, done, total, result_cipher, created_at, finished_at FROM contact_screening
				WHERE id = :id AND started_by = :by
				""").bind("id", id).bind("by", user.id()).map(row -> {
			byte[] result = row.get("result_cipher", byte[].class);
			return new Screening(id, row.get("subject_kind", String.class), row.get("state", String.class),
					new Progress(row.get("done", Integer.class), row.get("total", Integer.class)),
					result == null ? List.of() : decrypt(result), row.get("created_at", Instant.class),
					row.get("finished_at", Instant.class));
		}).one().switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Contact screening")));
	}

	private byte[] encrypt(List<Contact> contacts) {
		return cipher.encrypt(json.writeValueAsString(contacts), Column.SCREENING_RESULT);
	}

	private byte[] encryptIds(List<Contact> contacts) {
		return cipher.encrypt(json.writeValueAsString(contacts.stream().map(Contact::personId).toList()),
				Column.SCREENING_CONTACTS);
	}

	/**
	 * A screening the caller started, as a warning of its contacts needs it: its subject
	 * and its contacts' person ids (null for a screening made before they were kept).
	 * Others: 404. Not audited here: the warning is.
	 */
	public Mono<Warnable> warnable(CurrentUser user, UUID id) {
		return database.sql("""
				SELECT subject_kind, subject_id, state, contacts_cipher FROM contact_screening
				WHERE id = :id AND started_by = :by
				""").bind("id", id).bind("by", user.id()).map(row -> {
			byte[] contacts = row.get("contacts_cipher", byte[].class);
			return new Warnable(id, row.get("subject_kind", String.class), row.get("subject_id", UUID.class),
					row.get("state", String.class), contacts == null ? null
							: json.readValue(cipher.decrypt(contacts, Column.SCREENING_CONTACTS), PERSON_IDS));
		}).one().switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Contact screening")));
	}

	/**
	 * @param contactIds the persons found, or null for a screening made before they were
	 * kept
	 */
	public record Warnable(UUID id, String subjectKind, UUID subjectId, String state, List<UUID> contactIds) {

		@Override
		public String toString() {
			return "Warnable[id=" + id + ", state=" + state + "]";
		}

	}

	private List<Contact> decrypt(byte[] result) {
		return json.readValue(cipher.decrypt(result, Column.SCREENING_RESULT), CONTACTS);
	}

	/** A screening as the console shows it. */
	public record Screening(UUID id, String subjectKind, String state, Progress progress, List<Contact> contacts,
			Instant startedAt, Instant finishedAt) {

		@Override
		public String toString() {
			return "Screening[id=" + id + ", state=" + state + "]";
		}

	}

	/** How far a job is: subjects screened of all. */
	public record Progress(int done, int total) {

		/** One progress event. */
		public record Event(String state, Progress progress) {
		}

	}

	/**
	 * A person met, masked, with the visits shared with the subject(s).
	 *
	 * @param personId for merging only; not in answers
	 */
	public record Contact(@com.fasterxml.jackson.annotation.JsonIgnore UUID personId, String maskedName,
			String maskedPhone, List<SharedVisit> sharedVisits) {

		Contact plus(Contact other) {
			List<SharedVisit> all = new ArrayList<>(sharedVisits);
			all.addAll(other.sharedVisits);
			all.sort(Comparator.comparing(SharedVisit::at));
			return new Contact(personId, maskedName, maskedPhone, List.copyOf(all));
		}

		@Override
		public String toString() {
			return "Contact[" + sharedVisits.size() + " visits]";
		}

	}

	/**
	 * A visit shared with the subject: the contact at {@code at}, the subject at
	 * {@code subjectAt}.
	 */
	public record SharedVisit(UUID placeId, String placeName, String enterpriseName, Instant at, Instant subjectAt) {
	}

}
