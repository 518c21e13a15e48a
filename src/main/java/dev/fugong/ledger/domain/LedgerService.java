package dev.fugong.ledger.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.returnee.domain.HealthReportService;
import dev.fugong.returnee.domain.ReturneeFilter;
import dev.fugong.returnee.domain.ReturneeService;
import dev.fugong.returnee.domain.ReturneeView;
import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.returnee.model.ReturneeStatus;
import dev.fugong.scanin.domain.ScanCounts;
import dev.fugong.scanin.domain.ScanCounts.DayScan;
import dev.fugong.scanin.model.DenyReason;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Builds an enterprise's daily ledger (每日台账) from the platform's own records: scan-ins
 * (scanin), health reports and returnees (returnee), disinfection rounds (here). For the
 * enterprise's managers and guides and the officials of its zone; every ledger made is
 * audited with the reads it did.
 */
@Service
public class LedgerService {

	/** At most this many people listed as missing a report per slot. */
	static final int MISSING_LISTED = 200;

	/** At most this many returnees listed per status. */
	static final int RETURNEES_LISTED = 200;

	static final String FEVER_HANDLING = "拒绝入场，引导至发热门诊；已实时告警企业管理员与属地官员";

	private final EnterpriseService enterprises;

	private final ScanCounts scans;

	private final PersonService persons;

	private final HealthReportService reports;

	private final ReturneeService returnees;

	private final DisinfectionService rounds;

	private final AuditService audit;

	private final LedgerProperties properties;

	private final Clock clock;

	private final TransactionalOperator transactions;

	LedgerService(EnterpriseService enterprises, ScanCounts scans, PersonService persons, HealthReportService reports,
			ReturneeService returnees, DisinfectionService rounds, AuditService audit, LedgerProperties properties,
			Clock clock, ReactiveTransactionManager transactionManager) {
		this.enterprises = enterprises;
		this.scans = scans;
		this.persons = persons;
		this.reports = reports;
		this.returnees = returnees;
		this.rounds = rounds;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/** Today in the district. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(properties.zone()));
	}

	/**
	 * The ledger of a day (today when null) of an enterprise in the caller's scope; a day
	 * in the future is a 400, one beyond the scan-ins' retention simply has none.
	 */
	public Mono<Ledger> ledger(CurrentUser user, UUID enterpriseId, LocalDate date, String format) {
		LocalDate day = date == null ? today() : date;
		if (day.isAfter(today())) {
			return Mono.error(new ApiException.InvalidField("date", "is in the future"));
		}
		return enterprises.get(user, enterpriseId)
			.flatMap(
					enterprise -> transactions.transactional(build(user, enterprise, day).flatMap(ledger -> audit
						.record(new AuditEntry(user.id(), "LEDGER_DOWNLOADED", "enterprise", enterpriseId.toString(),
								null, Map.of("date", day.toString(), "format", format)))
						.thenReturn(ledger))));
	}

	private Mono<Ledger> build(CurrentUser user, Enterprise enterprise, LocalDate day) {
		UUID id = enterprise.id();
		Mono<Map<UUID, String>> placeNames = enterprises.allPlaces(user, id)
			.collectMap(view -> view.place().id(), view -> view.place().name());
		Mono<List<DayScan>> dayScans = scans.ofDay(id, day).collectList();
		Mono<Long> staff = persons.idsOfEnterprise(id).count();
		Mono<List<Ledger.ReportSlotLine>> slots = Flux.fromArray(ReportSlot.values())
			.concatMap(slot -> reports.missing(user, id, day, slot, 0, MISSING_LISTED)
				.map(missing -> new Ledger.ReportSlotLine(slot.label(), -1, missing.total(),
						missing.items()
							.stream()
							.map(person -> (person.maskedName() == null ? "" : person.maskedName() + " ")
									+ person.maskedPhone())
							.toList())))
			.collectList();
		Mono<List<Ledger.ReturneeLine>> observed = Flux
			.just(ReturneeStatus.IN_OBSERVATION, ReturneeStatus.REPORT_OVERDUE, ReturneeStatus.ABNORMAL)
			.concatMap(status -> returnees
				.list(user, new ReturneeFilter(id, null, status, ReturneeFilter.Sort.ARRIVAL, true), 0,
						RETURNEES_LISTED)
				.flatMapIterable(ReturneeService.Page::items))
			.map(LedgerService::returnee)
			.collectList();
		Mono<List<Ledger.RoundLine>> dayRounds = rounds.ofDay(id, day)
			.map(round -> new Ledger.RoundLine(round.at(), round.kind().label(), round.area(), round.maskedBy()))
			.collectList();
		return Mono.zip(placeNames, dayScans, staff, slots, observed, dayRounds).flatMap(all -> {
			List<DayScan> found = all.getT2();
			Set<UUID> people = found.stream().map(DayScan::personId).collect(Collectors.toSet());
			return persons.findAllById(people).collectMap(PersonProfile::id).map(profiles -> {
				List<Ledger.ScanLine> lines = new ArrayList<>(found.size());
				for (DayScan scan : found) {
					PersonProfile person = profiles.get(scan.personId());
					lines.add(new Ledger.ScanLine(scan.at(), person == null ? "（已删除）" : person.maskedName(),
							person == null ? "" : person.maskedPhone(),
							all.getT1().getOrDefault(scan.placeId(), "（已删除场所）"),
							scan.temperature() == null ? null : scan.temperature().toPlainString(), scan.admitted(),
							scan.fever(),
							scan.reasons().stream().map(DenyReason::label).collect(Collectors.joining("、")),
							scan.fever() ? FEVER_HANDLING : null));
				}
				long onSite = found.stream().filter(DayScan::admitted).map(DayScan::personId).distinct().count();
				int onFile = all.getT3().intValue();
				List<Ledger.ReportSlotLine> reportLines = all.getT4()
					.stream()
					.map(slot -> new Ledger.ReportSlotLine(slot.slot(), Math.max(0, onFile - slot.missing()),
							slot.missing(), slot.missingPeople()))
					.toList();
				return new Ledger(enterprise.name(), enterprise.uscc(), day, clock.instant(), onFile, (int) onSite,
						List.copyOf(lines), reportLines, all.getT5(), all.getT6());
			});
		});
	}

	private static Ledger.ReturneeLine returnee(ReturneeView view) {
		return new Ledger.ReturneeLine(view.maskedName(), view.maskedPhone(), view.originName(), view.arrivedAt(),
				view.observationEndsAt(), view.status().label());
	}

}
