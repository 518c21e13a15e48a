package dev.fugong.returnee.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.person.PersonService;
import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.region.domain.RegionRiskService;
import dev.fugong.region.model.RiskTimeline;
import dev.fugong.returnee.ReturneeProperties;
import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.FlagRules;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.TravelLeg;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Imports an enterprise's 上岗人员摸排表 as a job: the upload is answered 202 at once; the sheet
 * is read off the event loop (SheetRows), each row checked on its own (StaffRows), and
 * the good rows written in batches, each batch one transaction (persons in bulk, then
 * returnees with {@code ON CONFLICT DO NOTHING}), with progress after each. A bad row
 * never stops the others; a row already imported changes nothing, so the same file twice
 * imports nothing the second time. A sheet that is a zip bomb, unreadable, or over the
 * row limit is refused whole before anything is written.
 */
@Service
public class StaffImportService {

	private static final Logger log = LoggerFactory.getLogger(StaffImportService.class);

	/** Rejections kept per import; the count is always complete. */
	static final int MAX_KEPT_REJECTIONS = 1000;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final EnterpriseService enterprises;

	private final PersonService persons;

	private final RegionCatalog regions;

	private final RegionRiskService risks;

	private final ObservationRules rules;

	private final FlagRules flagRules;

	private final ObservationCache cache;

	private final ReturneeService returnees;

	private final AuditService audit;

	private final JsonMapper json;

	private final ReturneeProperties properties;

	private final Clock clock;

	StaffImportService(DatabaseClient database, ReactiveTransactionManager transactions, EnterpriseService enterprises,
			PersonService persons, RegionCatalog regions, RegionRiskService risks, ObservationRules rules,
			FlagRules flagRules, ObservationCache cache, ReturneeService returnees, AuditService audit, JsonMapper json,
			ReturneeProperties properties, Clock clock) {
		this.database = database;
		this.transactions = TransactionalOperator.create(transactions);
		this.enterprises = enterprises;
		this.persons = persons;
		this.regions = regions;
		this.risks = risks;
		this.rules = rules;
		this.flagRules = flagRules;
		this.cache = cache;
		this.returnees = returnees;
		this.audit = audit;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** An uploaded sheet, already on disk; the job deletes the file when done. */
	public record Upload(Path file, String format) {
	}

	/**
	 * Starts importing the sheet into the enterprise (its manager, or an official over
	 * it); returns the import's id at once.
	 */
	public Mono<UUID> start(CurrentUser user, UUID enterpriseId, Mono<Upload> upload) {
		return enterprises.requireWritable(user, enterpriseId).flatMap(enterprise -> upload.flatMap(file -> {
			UUID id = Ids.newId();
			Mono<Void> created = database.sql("""
					INSERT INTO staff_import (id, enterprise_id, created_by, format, state, created_at)
					VALUES (:id, :enterprise, :by, :format, 'RUNNING', :now)
					""")
				.bind("id", id)
				.bind("enterprise", enterprise.id())
				.bind("by", user.id())
				.bind("format", file.format())
				.bind("now", clock.instant())
				.then()
				.then(audit.record(new AuditEntry(user.id(), "STAFF_IMPORT_STARTED", "staff_import", id.toString(),
						null, Map.of("enterpriseId", enterprise.id().toString()))));
			return transactions.transactional(created)
				.doOnSuccess(done -> run(id, user.id(), enterprise, file).subscribe(null,
						error -> log.warn("Staff import {} failed", id, error)))
				.thenReturn(id);
		}));
	}

	/** The import's state and result, for whoever may write to its enterprise. */
	public Mono<ImportStatus> status(CurrentUser user, UUID id) {
		return database.sql("""
				SELECT id, enterprise_id, state, total_rows, processed, imported, unchanged, rejected_count,
				       rejected::text AS rejected, failure, created_at, finished_at
				FROM staff_import WHERE id = :id
				""")
			.bind("id", id)
			.map(row -> new ImportStatus(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
					row.get("state", String.class), row.get("total_rows", Integer.class),
					row.get("processed", Integer.class), row.get("imported", Integer.class),
					row.get("unchanged", Integer.class), row.get("rejected_count", Integer.class),
					json.readValue(row.get("rejected", String.class), new TypeReference<List<StaffRows.Rejection>>() {
					}), failure(row.get("failure", String.class)), row.get("created_at", Instant.class),
					row.get("finished_at", Instant.class)))
			.one()
			.filterWhen(
					found -> enterprises.requireWritable(user, found.enterpriseId()).hasElement().onErrorReturn(false))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Staff import")));
	}

	private Map<String, String> failure(String stored) {
		if (stored == null) {
			return null;
		}
		int colon = stored.indexOf(':');
		return Map.of("code", stored.substring(0, colon), "message", stored.substring(colon + 1));
	}

	/**
	 * @param rejected at most {@link #MAX_KEPT_REJECTIONS}, by row
	 * @param failure why the whole sheet was refused: {@code code} and {@code message}
	 */
	public record ImportStatus(UUID id, UUID enterpriseId, String state, int rows, int processed, int imported,
			int unchanged, int rejectedCount, List<StaffRows.Rejection> rejected, Map<String, String> failure,
			Instant createdAt, Instant finishedAt) {
	}

	private Mono<Void> run(UUID id, UUID actor, Enterprise enterprise, Upload upload) {
		long started = System.nanoTime();
		StaffRows checker = new StaffRows(regions, rules, properties.homeRegion(), properties.preArrivalDays());
		Mono<StaffRows.Checked> read = Mono.fromCallable(() -> {
			SheetRows.Sheet raw = upload.format().equals("XLSX")
					? SheetRows.xlsx(upload.file(), properties.imports().maxRows(),
							properties.imports().maxUnzippedSize().toBytes())
					: SheetRows.csv(upload.file(), properties.imports().maxRows());
			return checker.check(raw);
		}).subscribeOn(Schedulers.boundedElastic());
		return read.flatMap(checked -> risks.timelineAll().flatMap(timeline -> {
			int total = checked.rows().size()
					+ (int) checked.rejections().stream().map(StaffRows.Rejection::row).distinct().count();
			Progress progress = new Progress(total, checked.rejections());
			return update(id, progress, "RUNNING")
				.thenMany(Flux.fromIterable(checked.rows()).buffer(properties.imports().batchSize()))
				.concatMap(batch -> batch(actor, enterprise, batch, timeline, progress, checked)
					.then(Mono.defer(() -> update(id, progress, "RUNNING"))))
				.then(Mono.defer(() -> update(id, progress, "DONE")))
				.doOnSuccess(
						done -> log.info("Staff import {}: {} rows, {} imported, {} unchanged, {} rejected in {} ms",
								id, progress.total, progress.imported, progress.unchanged, progress.rejections.size(),
								(System.nanoTime() - started) / 1_000_000));
		}))
			.onErrorResume(SheetRows.Refused.class, refused -> fail(id, refused.code(), refused.getMessage()))
			.onErrorResume(error -> {
				log.warn("Staff import {} stopped", id, error);
				return fail(id, "failed", "The import stopped on an error; the rows written so far stay.");
			})
			.doFinally(signal -> delete(upload.file()));
	}

	private static void delete(Path file) {
		Mono.fromRunnable(() -> {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.warn("Upload {} not deleted: {}", file, ex.toString());
			}
		}).subscribeOn(Schedulers.boundedElastic()).subscribe();
	}

	/** Counts as the job goes; touched by one batch at a time. */
	private static final class Progress {

		final int total;

		final List<StaffRows.Rejection> rejections;

		int processed;

		int imported;

		int unchanged;

		Progress(int total, List<StaffRows.Rejection> rejections) {
			this.total = total;
			this.rejections = new ArrayList<>(rejections);
			this.processed = (int) rejections.stream().map(StaffRows.Rejection::row).distinct().count();
		}

	}

	private Mono<Void> batch(UUID actor, Enterprise enterprise, List<StaffRows.StaffRow> rows, RiskTimeline timeline,
			Progress progress, StaffRows.Checked checked) {
		List<PersonService.Registration> registrations = rows.stream()
			.map(row -> new PersonService.Registration(row.phone(), row.idNumber(), row.name(), enterprise.id()))
			.toList();
		Mono<Set<UUID>> work = persons.registerAll(registrations).flatMap(registered -> {
			List<StaffRows.StaffRow> returneeRows = new ArrayList<>();
			List<UUID> returneePersons = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				StaffRows.StaffRow row = rows.get(i);
				PersonService.Registered one = registered.get(i);
				if (one.personId() == null) {
					progress.rejections.add(checked.rejection(row.number(), StaffSheet.ID_NUMBER, "已登记在另一手机号码名下"));
				}
				else if (row.returnee()) {
					returneeRows.add(row);
					returneePersons.add(one.personId());
				}
				else if (one.created()) {
					progress.imported++;
				}
				else {
					progress.unchanged++;
				}
			}
			return insertReturnees(actor, enterprise, returneeRows, returneePersons, timeline).flatMap(inserted -> {
				progress.imported += inserted.size();
				progress.unchanged += returneeRows.size() - inserted.size();
				progress.processed += rows.size();
				return (inserted.isEmpty() ? Mono.<Void>empty() : returnees.changed(Set.of(enterprise.id())))
					.thenReturn(inserted);
			});
		});
		return transactions.transactional(work).flatMap(inserted -> cache.refresh(inserted));
	}

	/** The returnee rows not yet there; the persons of those inserted. */
	private Mono<Set<UUID>> insertReturnees(UUID actor, Enterprise enterprise, List<StaffRows.StaffRow> rows,
			List<UUID> personIds, RiskTimeline timeline) {
		if (rows.isEmpty()) {
			return Mono.just(Set.of());
		}
		int n = rows.size();
		UUID[] ids = new UUID[n];
		UUID[] people = new UUID[n];
		String[] travels = new String[n];
		Instant[] departed = new Instant[n];
		LocalDate[] departedDays = new LocalDate[n];
		Instant[] arrived = new Instant[n];
		Instant[] expected = new Instant[n];
		Instant[] arrivals = new Instant[n];
		LocalDate[] arrivalDays = new LocalDate[n];
		Boolean[] contacts = new Boolean[n];
		String[] flags = new String[n];
		LocalDate today = rules.today();
		java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
		for (int i = 0; i < n; i++) {
			StaffRows.StaffRow row = rows.get(i);
			Instant departure = row.departed().atStartOfDay(rules.zone()).toInstant();
			Instant arrival = row.arrival().atStartOfDay(rules.zone()).toInstant();
			List<TravelLeg> legs = row.route().stream().map(code -> new TravelLeg(code, departure, arrival)).toList();
			Set<Flag> rowFlags = flagRules.flags(timeline, row.origin(), departure, arrival, legs, row.contact());
			ids[i] = Ids.newId();
			people[i] = personIds.get(i);
			travels[i] = base64.encodeToString(returnees.encrypt(new Travel(row.origin(), row.transport(), legs)));
			departed[i] = departure;
			departedDays[i] = row.departed();
			boolean arrivedAlready = !row.arrival().isAfter(today);
			arrived[i] = arrivedAlready ? arrival : null;
			expected[i] = arrivedAlready ? null : arrival;
			arrivals[i] = arrival;
			arrivalDays[i] = row.arrival();
			contacts[i] = row.contact();
			flags[i] = ReturneeRow.flags(rowFlags);
		}
		// One statement per batch (unnest of one array per column), as the scan writer
		// does; a repeated trip is skipped by the unique index, and RETURNING says which
		// rows went in.
		return database.sql("""
				INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, departed_day,
				                      arrived_at, expected_arrival_at, arrival_at, arrival_day, contact_with_case,
				                      flags, source, registered_by, created_at)
				SELECT id, person, :enterprise, :zone, decode(travel, 'base64'), departed, departed_day, arrived,
				       expected, arrival, arrival_day, contact, flags, 'IMPORT', :by, :now
				FROM unnest(:ids::uuid[], :people::uuid[], :travels::text[], :departed::timestamptz[],
				            :departedDays::date[], :arrived::timestamptz[], :expected::timestamptz[],
				            :arrivals::timestamptz[], :arrivalDays::date[], :contacts::boolean[], :flags::text[])
				     AS row(id, person, travel, departed, departed_day, arrived, expected, arrival, arrival_day,
				            contact, flags)
				ON CONFLICT (person_id, enterprise_id, departed_day) DO NOTHING
				RETURNING person_id
				""")
			.bind("enterprise", enterprise.id())
			.bind("zone", enterprise.zoneId())
			.bind("by", actor)
			.bind("now", clock.instant())
			.bind("ids", ids)
			.bind("people", people)
			.bind("travels", travels)
			.bind("departed", departed)
			.bind("departedDays", departedDays)
			.bind("arrived", arrived)
			.bind("expected", expected)
			.bind("arrivals", arrivals)
			.bind("arrivalDays", arrivalDays)
			.bind("contacts", contacts)
			.bind("flags", flags)
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	private Mono<Void> update(UUID id, Progress progress, String state) {
		List<StaffRows.Rejection> kept = progress.rejections.stream()
			.sorted(java.util.Comparator.comparingInt(StaffRows.Rejection::row))
			.limit(MAX_KEPT_REJECTIONS)
			.toList();
		return database.sql("""
				UPDATE staff_import SET state = :state, total_rows = :total, processed = :processed,
				       imported = :imported, unchanged = :unchanged, rejected_count = :rejectedCount,
				       rejected = :rejected, finished_at = :finished
				WHERE id = :id
				""")
			.bind("id", id)
			.bind("state", state)
			.bind("total", progress.total)
			.bind("processed", state.equals("DONE") ? progress.total : progress.processed)
			.bind("imported", progress.imported)
			.bind("unchanged", progress.unchanged)
			.bind("rejectedCount", (int) progress.rejections.stream().map(StaffRows.Rejection::row).distinct().count())
			.bind("rejected", Json.of(json.writeValueAsString(kept)))
			.bind("finished",
					org.springframework.r2dbc.core.Parameter.fromOrEmpty(state.equals("DONE") ? clock.instant() : null,
							Instant.class))
			.then();
	}

	private Mono<Void> fail(UUID id, String code, String message) {
		return database.sql("""
				UPDATE staff_import SET state = 'FAILED', failure = :failure, finished_at = :now WHERE id = :id
				""").bind("id", id).bind("failure", code + ":" + message).bind("now", clock.instant()).then();
	}

	/**
	 * The template: the headers, text-formatted phone and ID columns, and a notes sheet.
	 */
	public Mono<byte[]> template(String format) {
		if (format.equals("csv")) {
			byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
			byte[] header = (String.join(",", StaffSheet.HEADERS) + "\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] all = new byte[bom.length + header.length];
			System.arraycopy(bom, 0, all, 0, bom.length);
			System.arraycopy(header, 0, all, bom.length, header.length);
			return Mono.just(all);
		}
		return xlsxTemplate;
	}

	/**
	 * Made once, on the first download: POI's first workbook loads thousands of schema
	 * classes (seconds, cold), which a start-up should not pay.
	 */
	private final Mono<byte[]> xlsxTemplate = Mono.fromCallable(StaffImportService::xlsxTemplate)
		.subscribeOn(Schedulers.boundedElastic())
		.cache(bytes -> java.time.Duration.ofDays(3650), error -> java.time.Duration.ZERO,
				() -> java.time.Duration.ZERO);

	private static byte[] xlsxTemplate() {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("上岗人员摸排表");
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			Row header = sheet.createRow(0);
			for (int i = 0; i < StaffSheet.HEADERS.size(); i++) {
				header.createCell(i).setCellValue(StaffSheet.HEADERS.get(i));
				sheet.setDefaultColumnStyle(i, text);
				sheet.setColumnWidth(i, 16 * 256);
			}
			Sheet notes = workbook.createSheet("填写说明");
			String[] lines = { "每行一人：本企业全体上岗人员；市外返岗人员另填来源地区、离开日期和抵达日期。", "姓名、手机号码：必填。身份证号码：18位，选填。",
					"来源地区代码、途经地区代码：GB/T 2260 六位行政区划代码（如 420100 武汉市），途经多个用顿号分隔。",
					"离开日期、抵达日期：如 2020-02-03；抵达日期最多可提前2天填报。", "交通方式：火车、飞机、客车、自驾、轮船 或 其他。",
					"14天内接触病例：是 或 否（14天内与确诊病例、疑似病例密切接触者，一律不得返还）。", "同一文件重复导入不会重复登记。" };
			for (int i = 0; i < lines.length; i++) {
				notes.createRow(i).createCell(0).setCellValue(lines[i]);
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
