package dev.fugong.trajectory.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.PlaceLabel;
import dev.fugong.enterprise.domain.Zone;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.returnee.domain.ReturneeService.DeclaredTravel;
import dev.fugong.scanin.domain.VisitHistory;
import dev.fugong.scanin.domain.VisitHistory.Visit;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.RateLimiter;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.validation.Phone;
import dev.fugong.trajectory.TrajectoryProperties;
import dev.fugong.trajectory.model.LookupScope;
import dev.fugong.trajectory.model.Purpose;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * 输入手机号查询轨迹 (seed 001): a person's scan-ins and declared travel over the last days,
 * masked, for an official (records in its zone subtrees) or a manager (its own employees'
 * visits at its own enterprises). Every query, answered or refused, is one audit row; an
 * answer leaves only once its row is written, and a query whose audit row cannot be
 * written fails. The reads go to the replica when there is one, the row to the primary
 * (ADR 0053).
 *
 * <p>
 * A phone the platform does not know is answered exactly as a known phone with nothing in
 * the caller's scope in the window: the same statements run (with an id no person has),
 * and the person is described (masked name, status) only when something of it is in the
 * answer. So the endpoint tells nobody who exists.
 */
@Service
public class TrajectoryService {

	/** Audit event types a person is shown in its own list of lookups. */
	public static final String QUERIED = "TRAJECTORY_QUERIED";

	public static final String SCREENED = "CONTACTS_SCREENED";

	private final PersonService persons;

	private final VisitHistory visits;

	private final ReturneeService returnees;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final RateLimiter limiter;

	private final TransactionalOperator transactions;

	private final TrajectoryProperties properties;

	private final Clock clock;

	private final Mono<Map<UUID, Zone>> zones;

	TrajectoryService(PersonService persons, VisitHistory visits, ReturneeService returnees,
			EnterpriseService enterprises, AuditService audit, RateLimiter limiter,
			ReactiveTransactionManager transactions, TrajectoryProperties properties, Clock clock) {
		this.persons = persons;
		this.visits = visits;
		this.returnees = returnees;
		this.enterprises = enterprises;
		this.audit = audit;
		this.limiter = limiter;
		this.transactions = TransactionalOperator.create(transactions);
		this.properties = properties;
		this.clock = clock;
		// Zone names change rarely; a minute's staleness in an answer's zone name is
		// fine.
		this.zones = enterprises.allZones()
			.collectMap(Zone::id)
			.cache(map -> Duration.ofMinutes(1), error -> Duration.ZERO, () -> Duration.ZERO);
	}

	/**
	 * One trajectory query: refused (403, audited) for anyone but an official or a
	 * manager, and for a manager a phone that is not one of its employees'; 429 (audited)
	 * past the caller's rate limit.
	 */
	public Mono<Trajectory> query(CurrentUser user, String phone, int days, Purpose purpose, String note) {
		String normalized = Phone.normalize(phone);
		if (normalized == null) {
			return Mono.error(new ApiException.InvalidField("phone", "must be an 11-digit mainland mobile number"));
		}
		String statedPurpose = purposeText(purpose, note);
		return scope(user).flatMap(scope -> actor(user, scope).flatMap(actor -> {
			Map<String, Object> details = new LinkedHashMap<>(actor);
			details.put("days", days);
			if (!scope.mayLookUp()) {
				return refuse(user, null, statedPurpose, details, "ROLE", new ApiException.Forbidden(
						ProblemCode.FORBIDDEN, "Only officials and enterprise managers may look up trajectories."));
			}
			return limiter.acquire("trajectory:" + user.id(), properties.queriesPerWindow(), properties.rateWindow())
				.onErrorResume(ApiException.class,
						limited -> refuse(user, null, statedPurpose, details, "RATE_LIMITED", limited))
				.then(persons.findByPhone(normalized)
					.map(java.util.Optional::of)
					.defaultIfEmpty(java.util.Optional.empty())
					.flatMap(found -> {
						PersonProfile person = found.orElse(null);
						UUID employer = person == null ? null : person.enterpriseId();
						if (!scope.mayLookUp(employer)) {
							return refuse(user, person == null ? null : person.id(), statedPurpose, details,
									"OUT_OF_SCOPE", new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE,
											"The person is not one of your employees."));
						}
						return answer(user, person, normalized, days, scope, statedPurpose, details);
					}));
		}));
	}

	private Mono<Trajectory> answer(CurrentUser user, PersonProfile person, String phone, int days, LookupScope scope,
			String purpose, Map<String, Object> details) {
		Instant to = clock.instant();
		Instant from = to.minus(Duration.ofDays(days));
		// An unknown phone reads as a person with no rows: the same statements, the same
		// time, the same answer.
		UUID personId = person == null ? UUID.randomUUID() : person.id();
		UUID employer = person == null ? null : person.enterpriseId();
		// The reads on the replica when there is one; then the audit row on the primary;
		// the answer only once that row is written (ADR 0053).
		return visits.ofPerson(personId, from, to, properties.maxVisits())
			.zipWith(returnees.declaredTravel(personId, from))
			.flatMap(rows -> placesOf(rows.getT1()).zipWith(zones).map(named -> {
				List<VisitView> shown = new ArrayList<>();
				int withheld = 0;
				for (Visit visit : rows.getT1()) {
					PlaceLabel place = named.getT1().get(visit.placeId());
					UUID zoneId = place == null ? null : place.zoneId();
					if (!scope.sees(visit.enterpriseId(), zoneId, employer)) {
						withheld++;
						continue;
					}
					Zone zone = zoneId == null ? null : named.getT2().get(zoneId);
					shown.add(new VisitView(visit.at(), visit.placeId(), place == null ? null : place.placeName(),
							visit.enterpriseId(), place == null ? null : place.ownerName(), zoneId,
							zone == null ? null : zone.name(), visit.temperature(), visit.fever(),
							visit.admitted() ? "ADMIT" : "DENY", visit.reasons()));
				}
				List<TravelView> travel = new ArrayList<>();
				for (DeclaredTravel declared : rows.getT2()) {
					if (!scope.sees(declared.enterpriseId(), declared.zoneId(), employer)) {
						withheld++;
						continue;
					}
					travel.add(new TravelView(declared.departedAt(), declared.arrivalAt(), declared.origin(),
							declared.originName(), declared.transport(),
							declared.legs()
								.stream()
								.map(leg -> new TravelView.Leg(leg.region(), leg.regionName(), leg.from(), leg.to()))
								.toList()));
				}
				boolean described = person != null && (!shown.isEmpty() || !travel.isEmpty());
				PersonView view = new PersonView(described ? person.maskedName() : null, Masking.phone(phone),
						described ? person.healthStatus().name() : null);
				details.put("outcome",
						withheld > 0 && shown.isEmpty() && travel.isEmpty() ? "OUT_OF_SCOPE" : "ANSWERED");
				details.put("visits", shown.size());
				details.put("travel", travel.size());
				details.put("withheld", withheld);
				return new Trajectory(view, days, from, to, List.copyOf(shown), List.copyOf(travel));
			}))
			.flatMap(trajectory -> audit
				.record(new AuditEntry(user.id(), QUERIED, "person", person == null ? null : person.id().toString(),
						purpose, details))
				.thenReturn(trajectory));
	}

	/** Writes the refusal's audit row (committed), then fails with {@code error}. */
	private <T> Mono<T> refuse(CurrentUser user, UUID personId, String purpose, Map<String, Object> details,
			String reason, Throwable error) {
		Map<String, Object> refused = new LinkedHashMap<>(details);
		refused.put("outcome", "REFUSED");
		refused.put("reason", reason);
		return transactions
			.transactional(audit.record(new AuditEntry(user.id(), QUERIED, "person",
					personId == null ? null : personId.toString(), purpose, refused)))
			.then(Mono.error(error));
	}

	/** The places of these visits with their enterprises, removed places too. */
	Mono<Map<UUID, PlaceLabel>> placesOf(List<Visit> rows) {
		return enterprises.placeLabels(rows.stream().map(Visit::placeId).distinct().toList());
	}

	/** The caller's scope: its official zone subtrees and its managed enterprises. */
	public Mono<LookupScope> scope(CurrentUser user) {
		Set<UUID> managed = user.enterprisesAs(Role.ENTERPRISE_MANAGER);
		return enterprises.officialSubtrees(user).map(zoneIds -> new LookupScope(zoneIds, managed));
	}

	/**
	 * Who asks, as a person is shown it: the role and the organisation (the official's
	 * zones, the manager's enterprises), by name; no person's name.
	 */
	Mono<Map<String, Object>> actor(CurrentUser user, LookupScope scope) {
		Set<UUID> officialRoots = user.officialZones();
		if (!officialRoots.isEmpty()) {
			return zones.map(all -> Map.of("actorRole", Role.OFFICIAL.name(), "actorOrganisation",
					officialRoots.stream()
						.map(all::get)
						.filter(java.util.Objects::nonNull)
						.map(Zone::name)
						.sorted()
						.collect(Collectors.joining("、"))));
		}
		if (!scope.enterprises().isEmpty()) {
			return enterprises.findAll(scope.enterprises())
				.map(Enterprise::name)
				.sort()
				.collect(Collectors.joining("、"))
				.map(names -> Map.of("actorRole", Role.ENTERPRISE_MANAGER.name(), "actorOrganisation", names));
		}
		Map<String, Object> other = new HashMap<>();
		other.put("actorRole", user.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
		other.put("actorOrganisation", "");
		return Mono.just(other);
	}

	static String purposeText(Purpose purpose, String note) {
		return (note == null || note.isBlank()) ? purpose.name() : purpose.name() + ": " + note.strip();
	}

	/**
	 * A trajectory, newest first: what a timeline draws.
	 *
	 * @param from the start of the window
	 * @param to the end of the window (now)
	 */
	public record Trajectory(PersonView person, int days, Instant from, Instant to, List<VisitView> visits,
			List<TravelView> travel) {

		@Override
		public String toString() {
			return "Trajectory[visits=" + visits.size() + ", travel=" + travel.size() + "]";
		}

	}

	/**
	 * The person, masked; name and status only when something of it is in the answer.
	 */
	public record PersonView(String maskedName, String maskedPhone, String status) {

		@Override
		public String toString() {
			return "PersonView[]";
		}

	}

	/** One scan-in. */
	public record VisitView(Instant at, UUID placeId, String placeName, UUID enterpriseId, String enterpriseName,
			UUID zoneId, String zoneName, BigDecimal temperature, boolean fever, String decision,
			List<String> reasons) {

		@Override
		public String toString() {
			return "VisitView[at=" + at + ", placeId=" + placeId + "]";
		}

	}

	/** Travel the person declared as a returnee. */
	public record TravelView(Instant departedAt, Instant arrivalAt, String origin, String originName, String transport,
			List<Leg> legs) {

		@Override
		public String toString() {
			return "TravelView[]";
		}

		public record Leg(String region, String regionName, Instant from, Instant to) {

			@Override
			public String toString() {
				return "Leg[]";
			}

		}

	}

}
