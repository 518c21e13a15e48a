package dev.fugong.complaint.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.complaint.model.ComplaintCategory;
import dev.fugong.complaint.model.ComplaintStatus;
import dev.fugong.complaint.model.Receipts;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.RateLimiter;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 监督举报: anyone reports an enterprise, signed in or not, and always anonymously (the
 * reporter's user is never stored; a contact is optional and encrypted). The answer is a
 * receipt to follow the complaint by. Reports are limited per client address, per device
 * (the mini-program's {@code X-Device-Id}) and per signed-in user. Officials of the
 * enterprise's zone triage: verify, dismiss with a reason, or open an inspection, whose
 * record resolves the complaint.
 */
@Service
public class ComplaintService {

	private static final String COLUMNS = "id, enterprise_id, category, text_cipher, contact_cipher, status, reason, "
			+ "inspection_id, handled_by, created_at, updated_at";

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final PersonalDataCipher cipher;

	private final RateLimiter limiter;

	private final ComplaintProperties properties;

	private final Clock clock;

	ComplaintService(DatabaseClient database, EnterpriseService enterprises, AuditService audit,
			PersonalDataCipher cipher, RateLimiter limiter, ComplaintProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.audit = audit;
		this.cipher = cipher;
		this.limiter = limiter;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new complaint; its receipt (shown once, stored hashed).
	 * @param user the signed-in reporter, or null; only counted, never stored
	 * @param address the client's address, for the rate limit
	 * @param deviceId the mini-program's device id, or null
	 * @param contact a normalized phone number, or null
	 */
	@Transactional
	public Mono<String> submit(CurrentUser user, String address, String deviceId, UUID enterpriseId,
			ComplaintCategory category, String text, String contact) {
		Mono<Void> limits = limiter.acquire("complaint:address:" + address, properties.perAddress(),
				properties.window());
		if (deviceId != null) {
			limits = limits.then(limiter.acquire("complaint:device:" + digest(deviceId), properties.perDevice(),
					properties.window()));
		}
		if (user != null) {
			limits = limits
				.then(limiter.acquire("complaint:user:" + user.id(), properties.perDevice(), properties.window()));
		}
		String receipt = Receipts.generate();
		UUID id = Ids.newId();
		Instant now = clock.instant();
		return limits.then(enterprises.find(enterpriseId))
			.onErrorMap(ApiException.NotFound.class,
					missing -> new ApiException.InvalidField("enterpriseId", "does not name a known enterprise"))
			.then(database
				.sql("INSERT INTO complaint (id, enterprise_id, category, text_cipher, contact_cipher, "
						+ "receipt_hash, status, created_at, updated_at) VALUES (:id, :enterprise, :category, :text, "
						+ ":contact, :receipt, 'RECEIVED', :now, :now)")
				.bind("id", id)
				.bind("enterprise", enterpriseId)
				.bind("category", category.name())
				.bind("text", cipher.encrypt(text, Column.COMPLAINT_TEXT))
				.bind("contact", Parameter.fromOrEmpty(
						contact == null ? null : cipher.encrypt(contact, Column.COMPLAINT_CONTACT), byte[].class))
				.bind("receipt", receiptHash(Receipts.normalize(receipt)))
				.bind("now", now)
				.then())
			.then(audit.record(new AuditEntry(null, "COMPLAINT_RECEIVED", "complaint", id.toString(), null,
					Map.of("enterpriseId", enterpriseId.toString(), "category", category.name()))))
			.thenReturn(receipt);
	}

	/** What the reporter sees with its receipt: the status and when it last changed. */
	public Mono<ReceiptStatus> byReceipt(String receipt, String address) {
		String normal = Receipts.normalize(receipt);
		return limiter.acquire("complaint:lookup:" + address, properties.lookupsPerAddress(), properties.window())
			.then(normal == null ? Mono.empty()
					: database.sql("SELECT status, updated_at FROM complaint WHERE receipt_hash = :hash")
						.bind("hash", receiptHash(normal))
						.map(row -> new ReceiptStatus(ComplaintStatus.valueOf(row.get("status", String.class)),
								row.get("updated_at", Instant.class)))
						.one())
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Receipt")));
	}

	/** A complaint's status as its reporter sees it. */
	public record ReceiptStatus(ComplaintStatus status, Instant updatedAt) {
	}

	/**
	 * The complaints about enterprises the caller oversees, newest first; no text (read
	 * one to see it).
	 */
	public Mono<Page> list(CurrentUser official, UUID enterpriseId, UUID zoneId, ComplaintStatus status, int page,
			int size) {
		return scopeIds(official, enterpriseId, zoneId).flatMap(scope -> {
			Set<UUID> ids = scope == ALL ? null : scope;
			if (ids != null && ids.isEmpty()) {
				return Mono.just(new Page(List.of(), 0));
			}
			String where = " WHERE true" + (ids == null ? "" : " AND enterprise_id = ANY(:ids)")
					+ (status == null ? "" : " AND status = :status");
			var select = database.sql("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM complaint" + where
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
			if (ids != null) {
				select = select.bind("ids", ids.toArray(UUID[]::new));
			}
			if (status != null) {
				select = select.bind("status", status.name());
			}
			return select.bind("limit", size)
				.bind("offset", (long) page * size)
				.map(row -> Map.entry(read(row, false), row.get("total", Long.class)))
				.all()
				.collectList()
				.map(rows -> new Page(rows.stream().map(Map.Entry::getKey).toList(),
						rows.isEmpty() ? 0 : rows.get(0).getValue()));
		});
	}

	/** A page of complaints and how many match. */
	public record Page(List<Complaint> items, long total) {
	}

	/** One complaint with its text; the read is audited. */
	@Transactional
	public Mono<Complaint> get(CurrentUser official, UUID id) {
		return overseen(official, id)
			.flatMap(found -> audit.record(AuditEntry.of(official.id(), "COMPLAINT_READ", "complaint", id))
				.thenReturn(found));
	}

	/** The reporter's contact in full, to call back; audited. */
	@Transactional
	public Mono<String> contact(CurrentUser official, UUID id) {
		return row(id).flatMap(row -> enterprises.requireOverseen(official, row.enterpriseId)
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Complaint"))
			.then(row.contactCipher == null ? Mono.error(new ApiException.NotFound("Contact"))
					: audit.record(AuditEntry.of(official.id(), "COMPLAINT_CONTACT_READ", "complaint", id))
						.thenReturn(cipher.decrypt(row.contactCipher, Column.COMPLAINT_CONTACT))));
	}

	/** An official's triage: verify, dismiss (with a reason), inspect or resolve. */
	@Transactional
	public Mono<Complaint> triage(CurrentUser official, UUID id, ComplaintStatus next, String reason) {
		if (next.needsReason() && reason == null) {
			return Mono.error(new ApiException.InvalidField("reason", "is required for " + next));
		}
		return overseen(official, id).flatMap(current -> {
			if (!current.status().canMoveTo(next)) {
				return Mono.error(new ApiException.Conflict("invalid_transition",
						"The complaint is " + current.status() + "; it cannot become " + next + "."));
			}
			return update(id, current.status(), next, reason, null, official.id())
				.then(audit.record(new AuditEntry(official.id(), "COMPLAINT_" + next.name(), "complaint", id.toString(),
						null, Map.of("from", current.status().name()))))
				.then(overseen(official, id));
		});
	}

	/**
	 * For the inspection feature, before it records an inspection for a complaint: the
	 * complaint is about this enterprise and still open; otherwise a 400 on
	 * {@code complaintId}.
	 */
	public Mono<Void> requireOpenFor(UUID complaintId, UUID enterpriseId) {
		return row(complaintId).onErrorResume(ApiException.NotFound.class, missing -> Mono.empty())
			.filter(row -> row.enterpriseId.equals(enterpriseId) && row.status.resolvableByInspection())
			.switchIfEmpty(Mono.error(() -> new ApiException.InvalidField("complaintId",
					"does not name an open complaint about this enterprise")))
			.then();
	}

	/** An inspection was recorded for the complaint: it is resolved. */
	public Mono<Void> inspected(UUID complaintId, UUID inspectionId, UUID inspectorId) {
		return row(complaintId)
			.flatMap(row -> update(complaintId, row.status, ComplaintStatus.RESOLVED, "已核查", inspectionId, inspectorId))
			.then(audit.record(new AuditEntry(inspectorId, "COMPLAINT_RESOLVED", "complaint", complaintId.toString(),
					null, Map.of("inspectionId", inspectionId.toString()))));
	}

	private Mono<Void> update(UUID id, ComplaintStatus from, ComplaintStatus to, String reason, UUID inspectionId,
			UUID actor) {
		return database.sql("""
				UPDATE complaint SET status = :to, reason = COALESCE(:reason, reason),
				    inspection_id = COALESCE(:inspection, inspection_id), handled_by = :actor, updated_at = :now
				WHERE id = :id AND status = :from
				""")
			.bind("to", to.name())
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("inspection", Parameter.fromOrEmpty(inspectionId, UUID.class))
			.bind("actor", actor)
			.bind("now", clock.instant())
			.bind("id", id)
			.bind("from", from.name())
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 0
					? Mono.error(new ApiException.Conflict("invalid_transition", "The complaint changed meanwhile."))
					: Mono.empty());
	}

	/**
	 * The enterprises whose complaints the caller may list: {@link #ALL} for the district
	 * admin unfiltered.
	 */
	private Mono<Set<UUID>> scopeIds(CurrentUser official, UUID enterpriseId, UUID zoneId) {
		if (enterpriseId != null) {
			return enterprises.requireOverseen(official, enterpriseId).map(enterprise -> Set.of(enterprise.id()));
		}
		return enterprises.officialSubtrees(official).flatMap(subtrees -> {
			if (zoneId != null) {
				if (!official.isDistrictAdmin() && !subtrees.contains(zoneId)) {
					return Mono
						.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
				}
				return enterprises.zoneSubtree(zoneId)
					.flatMap(zones -> enterprises.inZones(zones, null)
						.map(Enterprise::id)
						.collectList()
						.map(Set::copyOf));
			}
			if (official.isDistrictAdmin()) {
				return Mono.<Set<UUID>>empty();
			}
			return enterprises.inZones(subtrees, null).map(Enterprise::id).collectList().map(Set::copyOf);
		}).defaultIfEmpty(ALL);
	}

	/** Marks "every enterprise" (the district admin); compared by identity. */
	private static final Set<UUID> ALL = Set.of(new UUID(0, 0));

	private Mono<Complaint> overseen(CurrentUser official, UUID id) {
		return row(id).flatMap(row -> enterprises.requireOverseen(official, row.enterpriseId)
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Complaint"))
			.thenReturn(row.toComplaint(cipher, true)));
	}

	private Mono<Row> row(UUID id) {
		return database.sql("SELECT " + COLUMNS + " FROM complaint WHERE id = :id")
			.bind("id", id)
			.map(ComplaintService::readRow)
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Complaint")));
	}

	private Complaint read(Readable readable, boolean withText) {
		return readRow(readable).toComplaint(cipher, withText);
	}

	private static Row readRow(Readable row) {
		return new Row(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				ComplaintCategory.valueOf(row.get("category", String.class)), row.get("text_cipher", byte[].class),
				row.get("contact_cipher", byte[].class), ComplaintStatus.valueOf(row.get("status", String.class)),
				row.get("reason", String.class), row.get("inspection_id", UUID.class),
				row.get("handled_by", UUID.class), row.get("created_at", Instant.class),
				row.get("updated_at", Instant.class));
	}

	private record Row(UUID id, UUID enterpriseId, ComplaintCategory category, byte[] textCipher, byte[] contactCipher,
			ComplaintStatus status, String reason, UUID inspectionId, UUID handledBy, Instant createdAt,
			Instant updatedAt) {

		Complaint toComplaint(PersonalDataCipher cipher, boolean withText) {
			String contact = contactCipher == null ? null
					: Masking.phone(cipher.decrypt(contactCipher, Column.COMPLAINT_CONTACT));
			return new Complaint(id, enterpriseId, category,
					withText ? cipher.decrypt(textCipher, Column.COMPLAINT_TEXT) : null, contact, status, reason,
					inspectionId, handledBy, createdAt, updatedAt);
		}

	}

	/** The stored form of a receipt: SHA-256 (the receipt has 80 random bits). */
	private static byte[] receiptHash(String normalized) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A device id as a rate-limit key: hashed, so Redis holds no raw device id. */
	private static String digest(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
