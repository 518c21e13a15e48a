package dev.fugong.inspection.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.complaint.domain.ComplaintService;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.inspection.model.ChecklistItem;
import dev.fugong.inspection.model.InspectionKind;
import dev.fugong.inspection.model.PlateOutcome;
import dev.fugong.plate.domain.PlateChange;
import dev.fugong.plate.domain.PlateService;
import dev.fugong.plate.model.PlateSource;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.upload.ArchiveLimits;
import dev.fugong.shared.upload.FileType;
import dev.fugong.shared.upload.MultipartUpload.Upload;
import dev.fugong.shared.upload.UploadInspector;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * 督查检查: an official records a visit with the whole checklist, each item passed or failed
 * with a note (and later a photo). The result moves the plate (seed 001): a failure gives
 * a YELLOW with a date to rectify by, a failure while YELLOW proposes a RED for a second
 * official, a passed follow-up (回头看) gives BLUE back. An inspection for a complaint
 * resolves it.
 */
@Service
public class InspectionService {

	private static final String COLUMNS = "id, enterprise_id, kind, plan_id, complaint_id, passed, summary, "
			+ "inspector_id, inspected_at, plate_change_id";

	private static final Set<FileType> PHOTO_TYPES = EnumSet.of(FileType.JPEG, FileType.PNG);

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final PlateService plates;

	private final ComplaintService complaints;

	private final AuditService audit;

	private final PersonalDataCipher cipher;

	private final InspectionProperties properties;

	private final Clock clock;

	private final TransactionalOperator transactions;

	InspectionService(DatabaseClient database, EnterpriseService enterprises, PlateService plates,
			ComplaintService complaints, AuditService audit, PersonalDataCipher cipher, InspectionProperties properties,
			Clock clock, ReactiveTransactionManager transactionManager) {
		this.database = database;
		this.enterprises = enterprises;
		this.plates = plates;
		this.complaints = complaints;
		this.audit = audit;
		this.cipher = cipher;
		this.properties = properties;
		this.clock = clock;
		this.transactions = TransactionalOperator.create(transactionManager);
	}

	/** What an official found. */
	public record Findings(UUID enterpriseId, InspectionKind kind, UUID planId, UUID complaintId, Instant inspectedAt,
			List<Finding> items, String summary, LocalDate rectifyBy) {
	}

	/** One checklist item's result. */
	public record Finding(ChecklistItem item, boolean passed, String note) {
	}

	@Transactional
	public Mono<Inspection> record(CurrentUser official, Findings findings) {
		Instant now = clock.instant();
		Instant inspectedAt = findings.inspectedAt() == null ? now : findings.inspectedAt();
		return checkItems(findings.items()).then(checkLinks(findings))
			.then(inspectedAt.isAfter(now.plusSeconds(300))
					? Mono.error(new ApiException.InvalidField("inspectedAt", "cannot be in the future"))
					: Mono.empty())
			.then(enterprises.requireOverseen(official, findings.enterpriseId()))
			.flatMap(enterprise -> linkChecks(findings).then(Mono.defer(() -> {
				UUID id = Ids.newId();
				boolean passed = findings.items().stream().allMatch(Finding::passed);
				return database
					.sql("INSERT INTO inspection (id, enterprise_id, kind, plan_id, complaint_id, passed, summary, "
							+ "inspector_id, inspected_at, created_at) VALUES (:id, :enterprise, :kind, :plan, "
							+ ":complaint, :passed, :summary, :inspector, :at, :now)")
					.bind("id", id)
					.bind("enterprise", enterprise.id())
					.bind("kind", findings.kind().name())
					.bind("plan", Parameter.fromOrEmpty(findings.planId(), UUID.class))
					.bind("complaint", Parameter.fromOrEmpty(findings.complaintId(), UUID.class))
					.bind("passed", passed)
					.bind("summary", Parameter.fromOrEmpty(findings.summary(), String.class))
					.bind("inspector", official.id())
					.bind("at", inspectedAt)
					.bind("now", now)
					.then()
					.thenMany(Flux.fromIterable(findings.items())
						.concatMap(item -> database
							.sql("INSERT INTO inspection_item (inspection_id, item, passed, note) "
									+ "VALUES (:id, :item, :passed, :note)")
							.bind("id", id)
							.bind("item", item.item().name())
							.bind("passed", item.passed())
							.bind("note", Parameter.fromOrEmpty(item.note(), String.class))
							.then()))
					.then(plateChange(official, enterprise, findings, passed, id))
					.flatMap(change -> change.id() == null ? Mono.<Void>empty()
							: database.sql("UPDATE inspection SET plate_change_id = :change WHERE id = :id")
								.bind("change", change.id())
								.bind("id", id)
								.then())
					.then(findings.complaintId() == null ? Mono.empty()
							: complaints.inspected(findings.complaintId(), id, official.id()))
					.then(audit.record(new AuditEntry(official.id(), "INSPECTION_RECORDED", "inspection", id.toString(),
							null, Map.of("enterpriseId", enterprise.id().toString(), "passed", passed))))
					.then(load(id));
			})));
	}

	/**
	 * The plate change the result calls for, or an empty change (null id) for none. A RED
	 * already waiting for its second official is left to it.
	 */
	private Mono<PlateChange> plateChange(CurrentUser official, Enterprise enterprise, Findings findings,
			boolean passed, UUID inspectionId) {
		Plate next = PlateOutcome.after(findings.kind(), passed, enterprise.plate());
		PlateChange none = new PlateChange(null, null, null, Plate.BLUE, null, null, null, null, null, null, null, null,
				null, null, null);
		if (next == null) {
			return Mono.just(none);
		}
		String failed = findings.items()
			.stream()
			.filter(item -> !item.passed())
			.map(item -> item.item().label())
			.collect(Collectors.joining("、"));
		LocalDate rectifyBy = null;
		String reason;
		PlateSource source;
		if (next == Plate.BLUE) {
			reason = "回头看：整改到位";
			source = PlateSource.FOLLOW_UP;
		}
		else if (next == Plate.YELLOW) {
			rectifyBy = findings.rectifyBy() != null ? findings.rectifyBy()
					: plates.today().plusDays(properties.defaultRectifyDays());
			reason = "督查发现问题：" + failed;
			source = PlateSource.INSPECTION;
		}
		else {
			reason = "屡查屡犯：" + failed;
			source = findings.kind() == InspectionKind.FOLLOW_UP ? PlateSource.FOLLOW_UP : PlateSource.INSPECTION;
		}
		return plates.record(official.id(), enterprise.id(), next, reason, rectifyBy, source, inspectionId)
			.onErrorResume(ApiException.class,
					conflict -> "change_pending".equals(conflict.code()) ? Mono.just(none) : Mono.error(conflict));
	}

	/** Every checklist item exactly once; a failed one says why. */
	private static Mono<Void> checkItems(List<Finding> items) {
		Set<ChecklistItem> seen = EnumSet.noneOf(ChecklistItem.class);
		for (int i = 0; i < items.size(); i++) {
			Finding finding = items.get(i);
			if (!seen.add(finding.item())) {
				return Mono.error(new ApiException.InvalidField("items[" + i + "].item", "appears twice"));
			}
			if (!finding.passed() && finding.note() == null) {
				return Mono.error(new ApiException.InvalidField("items[" + i + "].note",
						"is required for a failed item: what was found"));
			}
		}
		Set<ChecklistItem> missing = EnumSet.allOf(ChecklistItem.class);
		missing.removeAll(seen);
		if (!missing.isEmpty()) {
			return Mono
				.error(new ApiException.InvalidField("items", "must cover the whole checklist; missing " + missing));
		}
		return Mono.empty();
	}

	private static Mono<Void> checkLinks(Findings findings) {
		if (findings.kind() == InspectionKind.COMPLAINT && findings.complaintId() == null) {
			return Mono.error(new ApiException.InvalidField("complaintId", "is required for a COMPLAINT inspection"));
		}
		return Mono.empty();
	}

	/** The plan holds the enterprise; the complaint is open and about it. */
	private Mono<Void> linkChecks(Findings findings) {
		Mono<Void> plan = findings.planId() == null ? Mono.empty()
				: database.sql("SELECT count(*) FROM inspection_plan_item WHERE plan_id = :plan AND enterprise_id = :e")
					.bind("plan", findings.planId())
					.bind("e", findings.enterpriseId())
					.map(row -> row.get(0, Long.class))
					.one()
					.flatMap(count -> count == 0 ? Mono.error(
							new ApiException.InvalidField("planId", "does not name a plan that holds this enterprise"))
							: Mono.empty());
		Mono<Void> complaint = findings.complaintId() == null ? Mono.empty()
				: complaints.requireOpenFor(findings.complaintId(), findings.enterpriseId());
		return plan.then(complaint);
	}

	/** An inspection of an enterprise the caller may read (official, or its manager). */
	public Mono<Inspection> get(CurrentUser user, UUID id) {
		return enterpriseOf(id).flatMap(enterpriseId -> enterprises.get(user, enterpriseId))
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Inspection"))
			.then(load(id));
	}

	/**
	 * Inspections of the enterprises the caller sees (an official's zones, a manager's
	 * enterprises), newest first.
	 */
	public Mono<InspectionPage> list(CurrentUser user, UUID enterpriseId, UUID zoneId, Boolean passed, int page,
			int size) {
		return scope(user, enterpriseId, zoneId).flatMap(ids -> {
			if (ids.isEmpty() && !(user.isDistrictAdmin() && enterpriseId == null && zoneId == null)) {
				return Mono.just(new InspectionPage(List.of(), 0));
			}
			boolean all = ids.isEmpty();
			String where = " WHERE true" + (all ? "" : " AND enterprise_id = ANY(:ids)")
					+ (passed == null ? "" : " AND passed = :passed");
			var select = database.sql("SELECT id, count(*) OVER () AS total FROM inspection" + where
					+ " ORDER BY inspected_at DESC, id DESC LIMIT :limit OFFSET :offset");
			if (!all) {
				select = select.bind("ids", ids.toArray(UUID[]::new));
			}
			if (passed != null) {
				select = select.bind("passed", passed);
			}
			return select.bind("limit", size)
				.bind("offset", (long) page * size)
				.map(row -> Map.entry(row.get("id", UUID.class), row.get("total", Long.class)))
				.all()
				.collectList()
				.flatMap(rows -> Flux.fromIterable(rows)
					.concatMap(row -> load(row.getKey()))
					.collectList()
					.map(items -> new InspectionPage(items, rows.isEmpty() ? 0 : rows.get(0).getValue())));
		});
	}

	/** A page of inspections and how many match. */
	public record InspectionPage(List<Inspection> items, long total) {
	}

	/**
	 * A photo of one item, by an official over the enterprise: JPEG or PNG by content,
	 * encrypted at rest; it replaces an earlier one. The body is read only after the
	 * caller's right is checked, and outside any transaction.
	 */
	public Mono<PhotoInfo> addPhoto(CurrentUser official, UUID id, ChecklistItem item, Mono<Upload> upload) {
		return enterpriseOf(id).flatMap(enterpriseId -> enterprises.requireOverseen(official, enterpriseId))
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Inspection"))
			.then(upload)
			.flatMap(received -> Mono.fromCallable(() -> {
				FileType type = UploadInspector.inspect(received.content(), PHOTO_TYPES, ArchiveLimits.DEFAULT);
				return new PhotoInfo(item, type.mediaType(), received.content().length,
						cipher.encryptBytes(received.content(), Column.INSPECTION_PHOTO));
			}).subscribeOn(Schedulers.boundedElastic()))
			.flatMap(photo -> transactions
				.transactional(database
					.sql("""
							INSERT INTO inspection_photo (inspection_id, item, content_type, size, content, uploaded_by, uploaded_at)
							VALUES (:id, :item, :type, :size, :content, :by, :now)
							ON CONFLICT (inspection_id, item) DO UPDATE SET content_type = EXCLUDED.content_type,
							    size = EXCLUDED.size, content = EXCLUDED.content, uploaded_by = EXCLUDED.uploaded_by,
							    uploaded_at = EXCLUDED.uploaded_at
							""")
					.bind("id", id)
					.bind("item", item.name())
					.bind("type", photo.contentType())
					.bind("size", photo.size())
					.bind("content", photo.ciphertext())
					.bind("by", official.id())
					.bind("now", clock.instant())
					.then()
					.then(audit.record(new AuditEntry(official.id(), "INSPECTION_PHOTO_UPLOADED", "inspection",
							id.toString(), null, Map.of("item", item.name())))))
				.thenReturn(new PhotoInfo(item, photo.contentType(), photo.size(), null)));
	}

	/** A stored photo's item, type and size (and, while storing, its ciphertext). */
	public record PhotoInfo(ChecklistItem item, String contentType, int size, byte[] ciphertext) {
	}

	/** An item's photo, decrypted; the read is audited. */
	@Transactional
	public Mono<Photo> photo(CurrentUser user, UUID id, ChecklistItem item) {
		return get(user, id)
			.then(database
				.sql("SELECT content_type, content FROM inspection_photo WHERE inspection_id = :id AND item = :item")
				.bind("id", id)
				.bind("item", item.name())
				.map(row -> new Object[] { row.get("content_type", String.class), row.get("content", byte[].class) })
				.one())
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Photo")))
			.flatMap(found -> audit
				.record(new AuditEntry(user.id(), "INSPECTION_PHOTO_READ", "inspection", id.toString(), null,
						Map.of("item", item.name())))
				.then(Mono
					.fromCallable(() -> new Photo(FileType.ofMediaType((String) found[0]),
							cipher.decryptBytes((byte[]) found[1], Column.INSPECTION_PHOTO)))
					.subscribeOn(Schedulers.boundedElastic())));
	}

	/** A photo's type and bytes. */
	public record Photo(FileType type, byte[] content) {
	}

	private Mono<Set<UUID>> scope(CurrentUser user, UUID enterpriseId, UUID zoneId) {
		if (enterpriseId != null) {
			return enterprises.get(user, enterpriseId).map(enterprise -> Set.of(enterprise.id()));
		}
		return enterprises.officialSubtrees(user).flatMap(subtrees -> {
			if (zoneId != null) {
				if (!user.isDistrictAdmin() && !subtrees.contains(zoneId)) {
					return Mono
						.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
				}
				return enterprises.zoneSubtree(zoneId)
					.flatMap(zones -> enterprises.inZones(zones, null).map(Enterprise::id).collectList())
					.map(Set::copyOf);
			}
			if (user.isDistrictAdmin()) {
				return Mono.just(Set.<UUID>of());
			}
			return enterprises.inZones(subtrees, null).map(Enterprise::id).collectList().map(ids -> {
				Set<UUID> all = new HashSet<>(ids);
				all.addAll(user.enterprisesAs(Role.ENTERPRISE_MANAGER));
				return Set.copyOf(all);
			});
		});
	}

	private Mono<UUID> enterpriseOf(UUID id) {
		return database.sql("SELECT enterprise_id FROM inspection WHERE id = :id")
			.bind("id", id)
			.map(row -> row.get(0, UUID.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Inspection")));
	}

	private Mono<Inspection> load(UUID id) {
		Mono<List<Inspection.Item>> items = database
			.sql("SELECT i.item, i.passed, i.note, (p.item IS NOT NULL) AS photo FROM inspection_item i "
					+ "LEFT JOIN inspection_photo p ON p.inspection_id = i.inspection_id AND p.item = i.item "
					+ "WHERE i.inspection_id = :id")
			.bind("id", id)
			.map(row -> new Inspection.Item(ChecklistItem.valueOf(row.get("item", String.class)),
					Boolean.TRUE.equals(row.get("passed", Boolean.class)), row.get("note", String.class),
					Boolean.TRUE.equals(row.get("photo", Boolean.class))))
			.all()
			.sort((a, b) -> a.item().compareTo(b.item()))
			.collectList();
		return database.sql("SELECT " + COLUMNS + " FROM inspection WHERE id = :id")
			.bind("id", id)
			.map(row -> new Object[] { row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
					InspectionKind.valueOf(row.get("kind", String.class)), row.get("plan_id", UUID.class),
					row.get("complaint_id", UUID.class), row.get("passed", Boolean.class),
					row.get("summary", String.class), row.get("inspector_id", UUID.class),
					row.get("inspected_at", Instant.class), row.get("plate_change_id", UUID.class) })
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Inspection")))
			.zipWith(items)
			.flatMap(all -> {
				Object[] r = all.getT1();
				Mono<PlateChange> change = r[9] == null ? Mono.empty() : plates.change((UUID) r[9]);
				return change.map(java.util.Optional::of)
					.defaultIfEmpty(java.util.Optional.empty())
					.map(found -> new Inspection((UUID) r[0], (UUID) r[1], (InspectionKind) r[2], (UUID) r[3],
							(UUID) r[4], Boolean.TRUE.equals(r[5]), (String) r[6], (UUID) r[7], (Instant) r[8],
							new ArrayList<>(all.getT2()), found.orElse(null)));
			});
	}

}
