package dev.fugong.application.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.application.model.ApplicationState;
import dev.fugong.application.model.ApplicationState.Action;
import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.RoleGrantService;
import dev.fugong.enterprise.domain.EnterpriseChanges;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.RateLimiter;
import dev.fugong.shared.security.Role;
import dev.fugong.shop.domain.NegativeListService;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enterprise applications: anyone signed in asks to register its enterprise; an official
 * of the zone (or the district admin) accepts, which registers the enterprise and makes
 * the applicant its manager in one transaction, or refuses with a reason. A USCC already
 * registered, or already waiting in another application, is refused at once.
 */
@Service
public class ApplicationService {

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final RoleGrantService grants;

	private final AuditService audit;

	private final RateLimiter limiter;

	private final ApplicationProperties properties;

	private final Clock clock;

	private final NegativeListService negativeList;

	ApplicationService(DatabaseClient database, EnterpriseService enterprises, RoleGrantService grants,
			AuditService audit, RateLimiter limiter, ApplicationProperties properties, Clock clock,
			NegativeListService negativeList) {
		this.database = database;
		this.enterprises = enterprises;
		this.grants = grants;
		this.audit = audit;
		this.limiter = limiter;
		this.properties = properties;
		this.clock = clock;
		this.negativeList = negativeList;
	}

	@Transactional
	public Mono<EnterpriseApplication> submit(CurrentUser applicant, EnterpriseChanges fields) {
		var now = clock.instant();
		EnterpriseApplication application = new EnterpriseApplication(Ids.newId(), applicant.id(), fields.name(),
				fields.uscc(), fields.industry(), fields.batch(), fields.zoneId(), fields.address(), fields.headcount(),
				fields.shopKind(), ApplicationState.SUBMITTED, null, null, null, null, now, now);
		return enterprises.zoneExists(fields.zoneId())
			.flatMap(exists -> exists ? Mono.<Void>empty()
					: Mono.error(new ApiException.InvalidField("zoneId", "does not name a known zone")))
			// A listed kind is refused before anything is counted or written.
			.then(negativeList.requireNotListed(fields.industry(), fields.shopKind()))
			.then(limiter.acquire("application:" + applicant.id(), properties.perUser(), properties.window()))
			.then(requireFreeUscc(fields.uscc()))
			.then(database.sql("INSERT INTO enterprise_application (" + EnterpriseApplication.COLUMNS + ") VALUES "
					+ "(:id, :applicant, :name, :uscc, :industry, :batch, :zone, :address, :headcount, :shopKind, 'SUBMITTED', "
					+ "NULL, NULL, NULL, NULL, :now, :now)")
				.bind("id", application.id())
				.bind("applicant", applicant.id())
				.bind("name", fields.name())
				.bind("uscc", fields.uscc())
				.bind("industry", fields.industry().name())
				.bind("batch", fields.batch().shortValue())
				.bind("zone", fields.zoneId())
				.bind("address", fields.address())
				.bind("headcount", fields.headcount())
				.bind("shopKind", Parameter.fromOrEmpty(fields.shopKind(), String.class))
				.bind("now", now)
				.then())
			.then(audit.record(AuditEntry.of(applicant.id(), "ENTERPRISE_APPLICATION_SUBMITTED",
					"enterprise_application", application.id())))
			.thenReturn(application);
	}

	/** One application: its applicant's, or one in the caller's zones. */
	public Mono<EnterpriseApplication> get(CurrentUser user, UUID id) {
		return find(id).filterWhen(application -> visible(user, application))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Application")));
	}

	/**
	 * Officials and the district admin: the applications in their zones; anyone else: its
	 * own. Newest first.
	 */
	public Mono<Page> list(CurrentUser user, ApplicationState state, int page, int size) {
		return enterprises.officialSubtrees(user).flatMap(zones -> {
			StringBuilder where = new StringBuilder(" WHERE true");
			boolean overseer = user.isDistrictAdmin() || !zones.isEmpty();
			if (!user.isDistrictAdmin()) {
				where.append(overseer ? " AND zone_id = ANY(:zones)" : " AND applicant_id = :applicant");
			}
			if (state != null) {
				where.append(" AND state = :state");
			}
			var select = database.sql("SELECT " + EnterpriseApplication.COLUMNS + ", count(*) OVER () AS total "
					+ "FROM enterprise_application" + where + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET "
					+ ":offset");
			if (!user.isDistrictAdmin()) {
				select = overseer ? select.bind("zones", zones.toArray(UUID[]::new))
						: select.bind("applicant", user.id());
			}
			if (state != null) {
				select = select.bind("state", state.name());
			}
			return select.bind("limit", size)
				.bind("offset", (long) page * size)
				.map(row -> Map.entry(EnterpriseApplication.read(row), row.get("total", Long.class)))
				.all()
				.collectList()
				.map(rows -> new Page(rows.stream().map(Map.Entry::getKey).toList(),
						rows.isEmpty() ? 0 : rows.get(0).getValue()));
		});
	}

	/** A page of applications and how many match. */
	public record Page(List<EnterpriseApplication> items, long total) {
	}

	/**
	 * Registers the enterprise and makes the applicant its manager; the grant reaches the
	 * applicant's tokens at its next refresh.
	 */
	@Transactional
	public Mono<EnterpriseApplication> accept(CurrentUser official, UUID id, String reason) {
		return decidable(official, id, Action.ACCEPT)
			// The list may have changed since the application came in.
			.flatMap(application -> negativeList.requireNotListed(application.industry(), application.shopKind())
				.thenReturn(application))
			.flatMap(application -> enterprises.create(official, application.fields())
				.flatMap(enterprise -> grants
					.grant(official, application.applicantId(), Role.ENTERPRISE_MANAGER, enterprise.id(), null)
					.then(decide(official, application, ApplicationState.ACCEPTED, reason, enterprise.id()))));
	}

	@Transactional
	public Mono<EnterpriseApplication> refuse(CurrentUser official, UUID id, String reason) {
		if (reason == null) {
			return Mono.error(new ApiException.InvalidField("reason", "is required: why the application is refused"));
		}
		return decidable(official, id, Action.REFUSE)
			.flatMap(application -> decide(official, application, ApplicationState.REFUSED, reason, null));
	}

	/** The applicant takes its application back while it waits. */
	@Transactional
	public Mono<EnterpriseApplication> withdraw(CurrentUser applicant, UUID id) {
		return get(applicant, id).flatMap(application -> {
			if (!application.applicantId().equals(applicant.id())) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Only the applicant may withdraw an application."));
			}
			return transition(application, Action.WITHDRAW)
				.flatMap(next -> decide(applicant, application, next, null, null));
		});
	}

	private Mono<EnterpriseApplication> decidable(CurrentUser official, UUID id, Action action) {
		return find(id).filterWhen(application -> oversees(official, application))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Application")))
			.flatMap(application -> transition(application, action).thenReturn(application));
	}

	private static Mono<ApplicationState> transition(EnterpriseApplication application, Action action) {
		return application.state()
			.after(action)
			.map(Mono::just)
			.orElseGet(() -> Mono
				.error(new ApiException.Conflict("invalid_transition", "The application is " + application.state()
						+ "; it cannot be " + action.name().toLowerCase(java.util.Locale.ROOT) + "ed now.")));
	}

	private Mono<EnterpriseApplication> decide(CurrentUser actor, EnterpriseApplication application,
			ApplicationState next, String reason, UUID enterpriseId) {
		var now = clock.instant();
		return database.sql("""
				UPDATE enterprise_application SET state = :next, reason = :reason, decided_by = :by, decided_at = :now,
				    enterprise_id = :enterprise, updated_at = :now
				WHERE id = :id AND state = 'SUBMITTED'
				""")
			.bind("next", next.name())
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("by", actor.id())
			.bind("now", now)
			.bind("enterprise", Parameter.fromOrEmpty(enterpriseId, UUID.class))
			.bind("id", application.id())
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 0
					? Mono.error(
							new ApiException.Conflict("invalid_transition", "The application was decided meanwhile."))
					: audit.record(new AuditEntry(actor.id(), "ENTERPRISE_APPLICATION_" + next.name(),
							"enterprise_application", application.id().toString(), null,
							enterpriseId == null ? Map.of() : Map.of("enterpriseId", enterpriseId.toString()))))
			.then(find(application.id()));
	}

	private Mono<Boolean> visible(CurrentUser user, EnterpriseApplication application) {
		if (application.applicantId().equals(user.id())) {
			return Mono.just(true);
		}
		return oversees(user, application);
	}

	private Mono<Boolean> oversees(CurrentUser user, EnterpriseApplication application) {
		if (user.isDistrictAdmin()) {
			return Mono.just(true);
		}
		return enterprises.officialSubtrees(user).map((Set<UUID> zones) -> zones.contains(application.zoneId()));
	}

	private Mono<Void> requireFreeUscc(String uscc) {
		Mono<Void> registered = enterprises.usccRegistered(uscc)
			.flatMap(taken -> taken
					? Mono.error(new ApiException.Conflict("uscc_taken",
							"An enterprise with this unified social credit code is already registered."))
					: Mono.empty());
		Mono<Void> pending = database
			.sql("SELECT count(*) FROM enterprise_application WHERE uscc = :uscc AND state = 'SUBMITTED'")
			.bind("uscc", uscc)
			.map(row -> row.get(0, Long.class))
			.one()
			.flatMap(count -> count > 0
					? Mono.error(new ApiException.Conflict("application_pending",
							"An application for this unified social credit code is already waiting for a decision."))
					: Mono.empty());
		return registered.then(pending);
	}

	private Mono<EnterpriseApplication> find(UUID id) {
		return database.sql("SELECT " + EnterpriseApplication.COLUMNS + " FROM enterprise_application WHERE id = :id")
			.bind("id", id)
			.map(EnterpriseApplication::read)
			.one();
	}

}
