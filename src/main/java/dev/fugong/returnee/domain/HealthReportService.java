package dev.fugong.returnee.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.returnee.model.SlotRules;
import dev.fugong.scanin.domain.ScanSignals;
import dev.fugong.scanin.model.GateRules;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * 健康打卡 of every employee, not only returnees (seed 004: 全员, at least twice a day). A
 * report at 37.3 °C or more, or with any symptom, makes the person ABNORMAL (every gate
 * turns it away; its returnee records show ABNORMAL) and raises the same alert as a fever
 * at the gate to its enterprise's managers and officials (ScanSignals: live stream and
 * WeChat). Who has not reported in a slot is listed for managers and guides.
 */
@Service
public class HealthReportService {

	private static final Logger log = LoggerFactory.getLogger(HealthReportService.class);

	private final HealthReportStore store;

	private final ReturneeService returnees;

	private final PersonService persons;

	private final UserDirectory users;

	private final EnterpriseService enterprises;

	private final ScanSignals signals;

	private final AuditService audit;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final SlotRules slots;

	private final Clock clock;

	HealthReportService(HealthReportStore store, ReturneeService returnees, PersonService persons, UserDirectory users,
			EnterpriseService enterprises, ScanSignals signals, AuditService audit, DatabaseClient database,
			ReactiveTransactionManager transactions, SlotRules slots, Clock clock) {
		this.store = store;
		this.returnees = returnees;
		this.persons = persons;
		this.users = users;
		this.enterprises = enterprises;
		this.signals = signals;
		this.audit = audit;
		this.database = database;
		this.transactions = TransactionalOperator.create(transactions);
		this.slots = slots;
		this.clock = clock;
	}

	/** The signed-in person reports its temperature and symptoms. */
	public Mono<Reported> report(CurrentUser user, BigDecimal temperature, List<Symptom> symptoms) {
		return users.findById(user.id())
			.filter(found -> found.personId() != null)
			.switchIfEmpty(Mono.error(() -> new ApiException.Conflict("phone_not_bound",
					"Bind your phone number first: a health report is a person's.")))
			.flatMap(found -> persons.findById(found.personId()))
			.flatMap(person -> record(user, person, temperature, symptoms));
	}

	private Mono<Reported> record(CurrentUser user, PersonProfile person, BigDecimal temperature,
			List<Symptom> symptoms) {
		UUID id = Ids.newId();
		Instant now = clock.instant();
		SlotRules.Slot slot = slots.slotOf(now);
		BigDecimal rounded = temperature.setScale(1, java.math.RoundingMode.HALF_UP);
		boolean fever = rounded.movePointRight(1).intValueExact() >= GateRules.FEVER_TENTHS;
		boolean abnormal = fever || !symptoms.isEmpty();
		UUID enterpriseId = person.enterpriseId() != null ? person.enterpriseId() : employer(user);
		Mono<Void> write = store
			.insert(id, person.id(), enterpriseId, now, slot.date(), slot.slot(), rounded, symptoms, abnormal)
			.then(database.sql("""
					UPDATE returnee SET last_report_at = :now, changed_at = clock_timestamp()
					WHERE person_id = :person
					""").bind("now", now).bind("person", person.id()).then())
			.then(abnormal ? returnees.markAbnormal(person.id(), now).then(persons.markAbnormal(person.id()))
					: Mono.empty())
			.then(audit.record(new AuditEntry(user.id(), "HEALTH_REPORTED", "health_report", id.toString(), null,
					Map.of("abnormal", abnormal))));
		return transactions.transactional(write)
			.then(abnormal && enterpriseId != null ? alert(id, enterpriseId, fever, !symptoms.isEmpty(), now)
					: Mono.empty())
			.thenReturn(new Reported(id, now, slot.date(), slot.slot(), abnormal, fever));
	}

	/** After the commit; a failure here leaves the report recorded. */
	private Mono<Void> alert(UUID reportId, UUID enterpriseId, boolean fever, boolean symptoms, Instant at) {
		return enterprises.find(enterpriseId)
			.doOnNext(enterprise -> signals.healthReported(reportId, enterprise, fever, symptoms, at))
			.then()
			.onErrorResume(error -> {
				log.warn("Health report {} is recorded but its alert was not raised: {}", reportId, error.toString());
				return Mono.empty();
			});
	}

	private static UUID employer(CurrentUser user) {
		Set<UUID> employers = user.enterprisesAs(Role.EMPLOYEE);
		return employers.size() == 1 ? employers.iterator().next() : null;
	}

	/**
	 * The enterprise's persons without a report in that slot, for its managers, guides
	 * and officials; a page, masked, audited in the same transaction as the reads.
	 */
	public Mono<Missing> missing(CurrentUser user, UUID enterpriseId, LocalDate date, ReportSlot slot, int page,
			int size) {
		return enterprises.get(user, enterpriseId)
			.flatMap(
					enterprise -> transactions
						.transactional(
								missingOf(enterprise.id(), date, slot, page, size).flatMap(missing -> audit
									.record(new AuditEntry(user.id(), "HEALTH_REPORTS_MISSING_LISTED", "enterprise",
											enterprise.id().toString(), null, Map.of("date", date.toString(), "slot",
													slot.name(), "count", missing.items().size())))
									.thenReturn(missing))));
	}

	private Mono<Missing> missingOf(UUID enterpriseId, LocalDate date, ReportSlot slot, int page, int size) {
		return persons.idsOfEnterprise(enterpriseId)
			.collectList()
			.flatMap(ids -> (ids.isEmpty() ? Mono.just(Set.<UUID>of()) : store.reporters(ids, date, slot))
				.map(reported -> ids.stream().filter(id -> !reported.contains(id)).sorted().toList()))
			.flatMap(missing -> {
				List<UUID> pageIds = missing.stream().skip((long) page * size).limit(size).toList();
				return persons.findAllById(pageIds)
					.map(person -> new MissingPerson(person.id(), person.maskedName(), person.maskedPhone()))
					.collectList()
					.map(found -> {
						List<MissingPerson> sorted = new ArrayList<>(found);
						sorted.sort(Comparator.comparing(MissingPerson::personId));
						return new Missing(date, slot, slots.deadline(date, slot), sorted, missing.size());
					});
			});
	}

	/**
	 * @param fever 37.3 °C or more
	 */
	public record Reported(UUID id, Instant reportedAt, LocalDate date, ReportSlot slot, boolean abnormal,
			boolean fever) {
	}

	public record MissingPerson(UUID personId, String maskedName, String maskedPhone) {
	}

	/** Who had not reported in the slot, as of now. */
	public record Missing(LocalDate date, ReportSlot slot, Instant deadline, List<MissingPerson> items, long total) {
	}

}
