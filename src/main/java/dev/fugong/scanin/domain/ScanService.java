package dev.fugong.scanin.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.enterprise.domain.PlaceView;
import dev.fugong.enterprise.place.domain.PlaceCodes;
import dev.fugong.pass.domain.PassCodes;
import dev.fugong.person.HealthStatus;
import dev.fugong.person.PersonService;
import dev.fugong.scanin.model.DenyReason;
import dev.fugong.scanin.model.Direction;
import dev.fugong.scanin.model.GateDecision;
import dev.fugong.scanin.model.GateFacts;
import dev.fugong.scanin.model.GateRules;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Gate scan-ins: an employee scans a place's code, or gate staff scan a person's pass
 * code. Each scan is decided by the gate rules, written durably (ScanWriter) and only
 * then answered; counted live and, on a fever or a DENY, raised as an alert.
 * <p>
 * Idempotent: the first request with a person's {@code clientScanId} claims it in Redis;
 * repeats wait for and return its answer. The same person at the same place within the
 * dedup window is recorded once, unless the new scan brings a temperature or a different
 * decision.
 */
@Service
public class ScanService {

	private static final Logger log = LoggerFactory.getLogger(ScanService.class);

	/**
	 * How long a claimed clientScanId waits for its first answer before it is free again.
	 */
	private static final Duration CLAIM = Duration.ofSeconds(30);

	private static final Duration REMEMBERED = Duration.ofHours(24);

	private static final String PENDING = "PENDING";

	/** The prefix of a claim whose row was sent but not confirmed; the row follows. */
	private static final String UNSETTLED = "UNSETTLED:";

	private final PlaceCodes placeCodes;

	private final PassCodes passCodes;

	private final EnterpriseService enterprises;

	private final UserDirectory users;

	private final PersonService persons;

	private final ObservationSource observations;

	private final ScanWriter writer;

	private final ScanSignals signals;

	private final ReactiveStringRedisTemplate redis;

	private final DatabaseClient database;

	private final PersonalDataCipher cipher;

	private final JsonMapper json;

	private final GateRules rules;

	private final Clock clock;

	private final Duration dedupWindow;

	private final Duration readTimeout;

	/**
	 * Users' persons, a minute: set once when the phone is bound; only bound users are
	 * cached.
	 */
	private final AsyncCache<UUID, UUID> personOfUser = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.maximumSize(200_000)
		.buildAsync();

	/** Health statuses, two seconds: a change reaches every gate within that. */
	private final AsyncCache<UUID, HealthStatus> health = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(2))
		.maximumSize(200_000)
		.buildAsync();

	/**
	 * KEYS: the clientScanId claim, the person's recent scan at the place. ARGV: the
	 * pending marker, the claim's TTL (ms). Returns {1, recent answer or ''} when this
	 * request claimed the id, else {0, the claim's value}.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> BEGIN = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
			  return {1, redis.call('GET', KEYS[2]) or ''}
			end
			return {0, redis.call('GET', KEYS[1]) or ''}
			""", List.class);

	/**
	 * KEYS: the claim, the recent scan. ARGV: the answer, claim TTL (ms), window (ms).
	 */
	private static final RedisScript<Long> END = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
			return 1
			""", Long.class);

	ScanService(PlaceCodes placeCodes, PassCodes passCodes, EnterpriseService enterprises, UserDirectory users,
			PersonService persons, ObservationSource observations, ScanWriter writer, ScanSignals signals,
			ReactiveStringRedisTemplate redis, DatabaseClient database, PersonalDataCipher cipher, JsonMapper json,
			Clock clock, FugongProperties properties) {
		this.placeCodes = placeCodes;
		this.passCodes = passCodes;
		this.enterprises = enterprises;
		this.users = users;
		this.persons = persons;
		this.observations = observations;
		this.writer = writer;
		this.signals = signals;
		this.redis = redis;
		this.database = database;
		this.cipher = cipher;
		this.json = json;
		this.rules = new GateRules(clock);
		this.clock = clock;
		this.dedupWindow = properties.scans().dedupWindow();
		this.readTimeout = properties.scans().readTimeout();
	}

	/** The signed-in person scanned a place's code, going in or (at a checkpoint) out. */
	public Mono<ScanResult> scanPlace(CurrentUser user, String code, BigDecimal temperature, String clientScanId,
			Direction direction) {
		Mono<UUID> person = Mono
			.fromFuture(() -> personOfUser.get(user.id(),
					(id, executor) -> users.findById(id).mapNotNull(UserDirectory.UserGrants::personId).toFuture()),
					true)
			.switchIfEmpty(Mono.error(() -> new ApiException.Conflict("phone_not_bound",
					"Bind your phone number first: a scan-in records a person.")));
		return placeCodes.verify(code)
			.zipWith(person)
			.timeout(readTimeout)
			.flatMap(both -> record(both.getT2(), both.getT1().place(),
					both.getT1().dynamic() ? ScanSource.DYNAMIC_CODE : ScanSource.PLACE_CODE, temperature, clientScanId,
					null, direction));
	}

	/**
	 * Gate staff scanned a person's pass code or card at one of their enterprise's
	 * places, or a grid official at a checkpoint of one of its communities.
	 */
	public Mono<ScanResult> scanPass(CurrentUser staff, UUID placeId, String passCode, BigDecimal temperature,
			String clientScanId, Direction direction) {
		if (!staff.hasAny(Role.GATE_STAFF, Role.ENTERPRISE_MANAGER, Role.OFFICIAL)) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only gate staff, managers and checkpoint officials scan pass codes."));
		}
		// Only at the gates of an enterprise where the caller holds one of those roles,
		// or at the checkpoints of a community of the caller's grid.
		return enterprises.gatePlace(staff, placeId)
			.zipWith(passCodes.verify(passCode))
			.timeout(readTimeout)
			.flatMap(both -> record(both.getT2().personId(), both.getT1(),
					both.getT2().cardId() == null ? ScanSource.PASS_CODE : ScanSource.PASS_CARD, temperature,
					clientScanId, staff.id(), direction));
	}

	/**
	 * A page of the signed-in person's own scan-ins of the last {@code days} days, newest
	 * first, with how many there are in all.
	 */
	public Mono<OwnScans> mine(CurrentUser user, int days, int page, int size) {
		return users.findById(user.id())
			.filter(found -> found.personId() != null)
			.flatMap(
					found -> database.sql("""
							SELECT id, scanned_at, place_id, admitted, reasons, pass_color, count(*) OVER () AS total
							FROM scan_in WHERE person_id = :person AND scanned_at >= :since
							ORDER BY scanned_at DESC, id DESC LIMIT :size OFFSET :offset
							""")
						.bind("person", found.personId())
						.bind("since", clock.instant().minus(Duration.ofDays(days)))
						.bind("size", size)
						.bind("offset", (long) page * size)
						.map(row -> new Counted(new OwnScan(row.get("id", UUID.class),
								row.get("scanned_at", Instant.class), row.get("place_id", UUID.class), null, null,
								Boolean.TRUE.equals(row.get("admitted", Boolean.class)) ? "ADMIT" : "DENY",
								splitReasons(row.get("reasons", String.class)), row.get("pass_color", String.class)),
								row.get("total", Long.class)))
						.all()
						.collectList())
			.flatMap(rows -> withPlaceNames(rows.stream().map(Counted::scan).toList())
				.map(scans -> new OwnScans(scans, rows.isEmpty() ? 0 : rows.get(0).total())))
			.defaultIfEmpty(new OwnScans(List.of(), 0));
	}

	private record Counted(OwnScan scan, long total) {
	}

	/** One page of a person's own scan-ins and how many there are in the window. */
	public record OwnScans(List<OwnScan> items, long total) {
	}

	private Mono<List<OwnScan>> withPlaceNames(List<OwnScan> scans) {
		return reactor.core.publisher.Flux.fromStream(scans.stream().map(OwnScan::placeId).distinct())
			.flatMap(enterprises::placeForCode, 4)
			.collectMap(view -> view.place().id())
			.map(places -> scans.stream().map(scan -> {
				PlaceView view = places.get(scan.placeId());
				return (view == null) ? scan
						: new OwnScan(scan.scanId(), scan.scannedAt(), scan.placeId(), view.place().name(),
								view.enterprise().name(), scan.decision(), scan.reasons(), scan.passColor());
			}).toList());
	}

	private static List<String> splitReasons(String reasons) {
		return (reasons == null || reasons.isEmpty()) ? List.of() : List.of(reasons.split(","));
	}

	/** One of the person's own scan-ins; place names are absent for a removed place. */
	public record OwnScan(UUID scanId, Instant scannedAt, UUID placeId, String placeName, String enterpriseName,
			String decision, List<String> reasons, String passColor) {
	}

	/**
	 * Claims the scan and finishes it even if the client hangs up meanwhile (a gate phone
	 * losing its connection): a scan abandoned after its claim would hold the
	 * clientScanId for the claim's 30 s, so the phone's retry waited and then got a 409;
	 * and one abandoned after its row was queued would be committed but never counted,
	 * alerted or remembered. Every step is bounded by a timeout, so the detached work
	 * ends.
	 */
	private Mono<ScanResult> record(UUID personId, PlaceView place, ScanSource source, BigDecimal temperature,
			String clientScanId, UUID recordedBy, Direction direction) {
		Direction way = direction == null ? Direction.IN : direction;
		return Mono.fromFuture(
				() -> claimAndRecord(personId, place, source, temperature, clientScanId, recordedBy, way).toFuture(),
				true);
	}

	/**
	 * The claim of a clientScanId. Like {@link #recentKey}, tagged with the person ({…}):
	 * the scripts that take both keys then run on a Redis Cluster, whose scripts must
	 * keep to one hash slot.
	 */
	static String claimKey(UUID personId, String clientScanId) {
		return "scan:{" + personId + "}:client:" + clientScanId;
	}

	/**
	 * The person's last answer at the place. Going out is deduplicated apart from coming
	 * in: a resident who fetches a parcel at the gate scans in and out within the window,
	 * and both count. The IN key is the one it always was.
	 */
	static String recentKey(UUID personId, UUID placeId, Direction direction) {
		return "scan:{" + personId + "}:recent:" + placeId + (direction == Direction.OUT ? ":out" : "");
	}

	private Mono<ScanResult> claimAndRecord(UUID personId, PlaceView place, ScanSource source, BigDecimal temperature,
			String clientScanId, UUID recordedBy, Direction direction) {
		String claim = claimKey(personId, clientScanId);
		String recent = recentKey(personId, place.place().id(), direction);
		return redis.execute(BEGIN, List.of(claim, recent), List.of(PENDING, String.valueOf(CLAIM.toMillis())))
			.next()
			.flatMap(begun -> {
				String value = (String) begun.get(1);
				if (((Number) begun.get(0)).intValue() == 0) {
					return answerOf(claim, value, place, recent, 0).switchIfEmpty(Mono.defer(
							() -> record(personId, place, source, temperature, clientScanId, recordedBy, direction)));
				}
				ScanResult previous = value.isEmpty() ? null : read(value);
				return decideAndWrite(personId, place, source, temperature, clientScanId, recordedBy, direction,
						previous)
					.onErrorResume(error -> release(claim, error))
					.flatMap(result -> afterCommit(result, place, claim, recent));
			});
	}

	/**
	 * After a failed write: a row never sent frees the clientScanId for the retry; a row
	 * sent but not confirmed may have been committed, so the claim keeps it, and the
	 * retry writes that same row again instead of a second one.
	 */
	private Mono<ScanResult> release(String claim, Throwable error) {
		if (error instanceof UnsettledScan unsettled) {
			return redis.opsForValue()
				.set(claim, UNSETTLED + json.writeValueAsString(unsettled.scan), REMEMBERED)
				.onErrorResume(failure -> {
					// The claim then stays PENDING until it expires: repeats wait, and
					// get 409, rather than being recorded twice meanwhile.
					log.warn("An unconfirmed scan could not be kept for its retry: {}", failure.toString());
					return Mono.empty();
				})
				.then(Mono.error(unsettled.getCause()));
		}
		return redis.delete(claim).then(Mono.error(error));
	}

	/**
	 * What a repeat of a claimed clientScanId answers, from the claim's value: the
	 * earlier answer; the earlier row written again and answered, if its write was never
	 * confirmed; empty if the claim is gone (record the scan anew); and while the first
	 * request is still at work, the same once it is done.
	 */
	private Mono<ScanResult> answerOf(String claim, String value, PlaceView place, String recent, int attempt) {
		if (value.isEmpty()) {
			return Mono.empty();
		}
		if (value.startsWith(UNSETTLED)) {
			UnsettledRow unsettled = json.readValue(value.substring(UNSETTLED.length()), UnsettledRow.class);
			// The claim keeps the row until a write is confirmed.
			return writer.write(unsettled.row())
				.then(Mono.defer(() -> afterCommit(unsettled.result(), place, claim, recent)));
		}
		if (!value.equals(PENDING)) {
			return Mono.just(read(value).replayed());
		}
		if (attempt >= 200) {
			return Mono.error(new ApiException(HttpStatus.CONFLICT, "scan_in_progress",
					"This scan is still being recorded. Try again shortly."));
		}
		return Mono.delay(Duration.ofMillis(25))
			.then(redis.opsForValue().get(claim))
			.flatMap(next -> answerOf(claim, next, place, recent, attempt + 1));
	}

	/**
	 * Remembers the answer for repeats and, for a new scan, counts it and raises its
	 * alert, in parallel. The scan is committed by now, so the answer stands even if
	 * Redis fails here: a repeat then waits out the claim instead of being recorded
	 * twice.
	 */
	private Mono<ScanResult> afterCommit(ScanResult result, PlaceView place, String claim, String recent) {
		Mono<Long> remembered = redis
			.execute(END, List.of(claim, recent),
					List.of(write(result), String.valueOf(REMEMBERED.toMillis()),
							String.valueOf(dedupWindow.toMillis())))
			.next();
		Mono<Void> signalled = result.recorded() ? signals.recorded(result, place.enterprise()) : Mono.empty();
		return Mono.when(remembered, signalled).onErrorResume(error -> {
			log.warn("Scan {} is committed but was not remembered or counted in Redis: {}", result.scanId(),
					error.toString());
			return Mono.empty();
		}).thenReturn(result);
	}

	/**
	 * @param previous the person's scan at this place within the dedup window, if any
	 */
	private Mono<ScanResult> decideAndWrite(UUID personId, PlaceView view, ScanSource source, BigDecimal temperature,
			String clientScanId, UUID recordedBy, Direction direction, ScanResult previous) {
		Integer tenths = temperature == null ? null
				: temperature.setScale(1, RoundingMode.HALF_UP).movePointRight(1).intValueExact();
		Mono<Optional<ObservationSource.Observation>> observationEnds = observations.observation(personId)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<HealthStatus> status = Mono
			.fromFuture(() -> health.get(personId, (id, executor) -> persons.healthStatus(id).toFuture()), true)
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Person")));
		// A TimeoutException is a 503 (dependency_unavailable) like any unavailable
		// store.
		return Mono.zip(observationEnds, status).timeout(readTimeout).flatMap(facts -> {
			var enterprise = view.enterprise();
			var place = view.place();
			// At a gate, staff scanning the person's own phone is proof of presence.
			boolean presenceProven = source != ScanSource.PLACE_CODE;
			ObservationSource.Observation observation = facts.getT1().orElse(null);
			GateDecision decision = rules.decide(new GateFacts(observation == null ? null : observation.endsAt(),
					facts.getT2() == HealthStatus.ABNORMAL, tenths, enterprise.plate() == Plate.RED,
					enterprise.status() == EnterpriseStatus.SUSPENDED, place.requiresDynamicCode(), presenceProven,
					observation == null ? null : observation.returnNotAllowedUntil()));
			// A repeat within the window replays the earlier answer only if nothing
			// changed: a person denied in observation who has since reported a fever is
			// denied again, but the gate must see the new reason and the RED pass.
			if (previous != null && tenths == null && previous.decision().equals(decision.admitted() ? "ADMIT" : "DENY")
					&& previous.reasons().equals(decision.reasons().stream().map(Enum::name).toList())) {
				return Mono.just(previous.replayed());
			}
			return Mono.defer(() -> {
				Instant now = clock.instant();
				ScanRow row = new ScanRow(Ids.newId(), now, personId, place.id(), enterprise.id(), clientScanId, source,
						decision.admitted(), join(decision.reasons()), decision.passColor().name(),
						tenths == null ? null
								: cipher.encrypt(BigDecimal.valueOf(tenths, 1).toPlainString(),
										Column.SCAN_TEMPERATURE),
						decision.feverClinic(), recordedBy, direction == Direction.OUT);
				ScanResult result = new ScanResult(row.id(), decision.admitted() ? "ADMIT" : "DENY",
						decision.reasons().stream().map(Enum::name).toList(), decision.passColor().name(),
						decision.feverClinic(),
						new ScanResult.PlaceSummary(place.id(), place.name(), enterprise.name()), now, true,
						direction.name());
				return writer.write(row)
					.onErrorMap(ScanWriter.Unsettled.class,
							unsettled -> new UnsettledScan(new UnsettledRow(row, result), unsettled))
					.thenReturn(result);
			});
		});
	}

	private static String join(List<DenyReason> reasons) {
		return String.join(",", reasons.stream().map(Enum::name).toList());
	}

	private String write(ScanResult result) {
		return json.writeValueAsString(result);
	}

	private ScanResult read(String value) {
		return json.readValue(value, ScanResult.class);
	}

	/** A row whose write was not confirmed, with the answer it would have given. */
	record UnsettledRow(ScanRow row, ScanResult result) {
	}

	/**
	 * Carries the unconfirmed row from the write to the claim; the client sees the cause.
	 */
	private static final class UnsettledScan extends RuntimeException {

		private final UnsettledRow scan;

		UnsettledScan(UnsettledRow scan, ScanWriter.Unsettled cause) {
			super(cause.getMessage(), cause, false, false);
			this.scan = scan;
		}

	}

}
