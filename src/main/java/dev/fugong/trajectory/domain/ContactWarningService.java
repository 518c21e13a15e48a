package dev.fugong.trajectory.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.auth.domain.UserDirectory.PersonRecipient;
import dev.fugong.person.HealthStatus;
import dev.fugong.person.PersonService;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.trajectory.ContactWarningProperties;
import dev.fugong.wechat.AccessTokenProvider;
import dev.fugong.wechat.WeChatClient;
import dev.fugong.wechat.WeChatClient.SubscribeMessage;
import dev.fugong.wechat.WeChatError;
import dev.fugong.wechat.WeChatException;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Warns the contacts a screening found once its subject is a confirmed case (ABNORMAL,
 * with a POSITIVE test on file): each contact gets one WeChat subscribe message telling
 * it to report its health and stay home. The message names nobody and nothing of the
 * case: not the person, not the place, not the time they met. Each warning is a row
 * (unique per case and contact, so nobody is warned twice for the same case, even when
 * two officials click at once) and an audit event, written in one transaction; the
 * messages go after the commit and each delivery's outcome is written to its row and
 * audited.
 */
@Service
public class ContactWarningService {

	private static final Logger log = LoggerFactory.getLogger(ContactWarningService.class);

	static final String WARNED = "CONTACT_WARNED";

	static final String DELIVERED = "CONTACT_WARNING_DELIVERED";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** What the message says: the same for everyone, naming no one. */
	static final String RISK = "您近期可能接触过风险人员";

	static final String ADVICE = "请居家观察并每日健康打卡";

	private final ContactScreeningService screenings;

	private final PersonService persons;

	private final ReturneeService returnees;

	private final UserDirectory users;

	private final AccessTokenProvider tokens;

	private final WeChatClient client;

	private final AuditService audit;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final ContactWarningProperties settings;

	private final Clock clock;

	ContactWarningService(ContactScreeningService screenings, PersonService persons, ReturneeService returnees,
			UserDirectory users, AccessTokenProvider tokens, WeChatClient client, AuditService audit,
			DatabaseClient database, ReactiveTransactionManager transactions, ContactWarningProperties settings,
			Clock clock) {
		this.screenings = screenings;
		this.persons = persons;
		this.returnees = returnees;
		this.users = users;
		this.tokens = tokens;
		this.client = client;
		this.audit = audit;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactions);
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Warns the contacts of the screening the caller started (others: 404). Refused (409)
	 * unless its subject is one person confirmed positive and the screening is done.
	 */
	public Mono<Outcome> warn(CurrentUser user, UUID screeningId) {
		if (user.officialZones().isEmpty() && !user.isDistrictAdmin()) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN, "Only officials warn contacts."));
		}
		return screenings.warnable(user, screeningId).flatMap(screening -> {
			if (!"PERSON".equals(screening.subjectKind())) {
				return Mono.error(new ApiException.Conflict("screening_not_of_a_case",
						"Warnings go to the contacts of one confirmed case: screen that person's contacts."));
			}
			if (!"DONE".equals(screening.state())) {
				return Mono.error(new ApiException.Conflict("screening_not_done", "The screening has not finished."));
			}
			if (screening.contactIds() == null) {
				return Mono.error(new ApiException.Conflict("screening_outdated",
						"This screening was made before warnings existed: screen the person again."));
			}
			return confirmed(screening.subjectId()).flatMap(positive -> {
				if (!positive) {
					return Mono.error(new ApiException.Conflict("case_not_confirmed",
							"The person is not confirmed: warnings need an ABNORMAL status from a POSITIVE test."));
				}
				return record(user, screening.id(), screening.subjectId(), screening.contactIds())
					.flatMap(warned -> deliver(user, warned)
						.thenReturn(new Outcome(warned.size(), screening.contactIds().size() - warned.size())));
			});
		});
	}

	private Mono<Boolean> confirmed(UUID personId) {
		return persons.healthStatus(personId)
			.defaultIfEmpty(HealthStatus.NORMAL)
			.flatMap(status -> status != HealthStatus.ABNORMAL ? Mono.just(false) : returnees.testedPositive(personId));
	}

	/**
	 * The warnings, in one transaction: one statement inserts a row per contact not
	 * warned of this case before and returns those, then one audit event each.
	 */
	private Mono<List<Warning>> record(CurrentUser user, UUID screeningId, UUID caseId, List<UUID> contacts) {
		if (contacts.isEmpty()) {
			return Mono.just(List.of());
		}
		Instant now = clock.instant();
		UUID[] ids = contacts.stream().map(contact -> Ids.newId()).toArray(UUID[]::new);
		Mono<List<Warning>> inserted = database.sql("""
				INSERT INTO contact_warning (id, case_person_id, contact_person_id, screening_id, warned_by, warned_at,
				                             delivery)
				SELECT id, :case, contact, :screening, :by, :now, 'PENDING'
				FROM unnest(:ids::uuid[], :contacts::uuid[]) AS row(id, contact)
				ON CONFLICT (case_person_id, contact_person_id) DO NOTHING
				RETURNING id, contact_person_id
				""")
			.bind("case", caseId)
			.bind("screening", screeningId)
			.bind("by", user.id())
			.bind("now", now)
			.bind("ids", ids)
			.bind("contacts", contacts.toArray(UUID[]::new))
			.map(row -> new Warning(row.get("id", UUID.class), row.get("contact_person_id", UUID.class)))
			.all()
			.collectList();
		return transactions.transactional(inserted.flatMap(warned -> Flux.fromIterable(warned)
			.concatMap(
					warning -> audit.record(new AuditEntry(user.id(), WARNED, "person", warning.contactId().toString(),
							null, Map.of("warningId", warning.id().toString(), "screeningId", screeningId.toString()))))
			.then(Mono.just(warned))));
	}

	/**
	 * Sends each new warning to the contact's mini-program accounts, and records how it
	 * went. A delivery that fails is recorded FAILED and not retried here: the warning
	 * stands and the console shows the outcome.
	 */
	private Mono<Void> deliver(CurrentUser user, List<Warning> warned) {
		if (warned.isEmpty()) {
			return Mono.empty();
		}
		return users.recipientsOfPersons(warned.stream().map(Warning::contactId).toList())
			.collectMultimap(PersonRecipient::personId)
			.flatMapMany(byPerson -> Flux.fromIterable(warned)
				.flatMap(warning -> send(byPerson.getOrDefault(warning.contactId(), List.of()))
					.flatMap(outcome -> delivered(user, warning, outcome)), 4))
			.then();
	}

	private Mono<String> send(java.util.Collection<PersonRecipient> recipients) {
		if (!settings.wechatEnabled()) {
			return Mono.just("DISABLED");
		}
		if (recipients.isEmpty()) {
			return Mono.just("NO_ACCOUNT");
		}
		return Flux.fromIterable(recipients)
			.concatMap(recipient -> tokens
				.withToken(token -> client.sendSubscribeMessage(token, message(recipient.user().openid())))
				.thenReturn("SENT")
				.onErrorResume(error -> error instanceof WeChatException wx && wx.error() == WeChatError.USER_REFUSED,
						error -> Mono.just("REFUSED"))
				.onErrorResume(error -> {
					log.warn("A contact warning was not sent by WeChat: {}", error.toString());
					return Mono.just("FAILED");
				}))
			.collectList()
			.map(outcomes -> outcomes.contains("SENT") ? "SENT" : outcomes.contains("FAILED") ? "FAILED" : "REFUSED");
	}

	private Mono<Void> delivered(CurrentUser user, Warning warning, String outcome) {
		Instant now = clock.instant();
		return transactions.transactional(
				database.sql("UPDATE contact_warning SET delivery = :delivery, delivered_at = :now WHERE id = :id")
					.bind("delivery", outcome)
					.bind("now", now)
					.bind("id", warning.id())
					.then()
					.then(audit.record(new AuditEntry(user.id(), DELIVERED, "person", warning.contactId().toString(),
							null, Map.of("warningId", warning.id().toString(), "delivery", outcome)))));
	}

	/**
	 * The same words for everyone: nothing of the case, the place or the time they met.
	 */
	SubscribeMessage message(String openid) {
		return new SubscribeMessage(openid, settings.wechatTemplateId(), settings.wechatPage(),
				Map.of("thing1", value(RISK), "thing2", value(ADVICE), "time3",
						value(TIME.format(clock.instant().atZone(settings.zone())))));
	}

	private static Map<String, String> value(String value) {
		return Map.of("value", value);
	}

	private record Warning(UUID id, UUID contactId) {
	}

	/**
	 * @param warned contacts warned now
	 * @param alreadyWarned contacts warned of this case before, not again
	 */
	public record Outcome(int warned, int alreadyWarned) {
	}

}
