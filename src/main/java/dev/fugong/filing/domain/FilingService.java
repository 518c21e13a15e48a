package dev.fugong.filing.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.filing.model.FileKind;
import dev.fugong.filing.model.FilingGuidance;
import dev.fugong.filing.model.FilingMode;
import dev.fugong.filing.model.FilingState;
import dev.fugong.filing.model.FilingState.Action;
import dev.fugong.filing.model.Materials;
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
import dev.fugong.shop.domain.NegativeListService;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * 复工备案: a manager files its enterprise's materials; officials of its zone review, inspect
 * the site and approve (a BLUE plate, the enterprise operates), or return it with
 * reasons. In notify-only mode a filing is recorded as FILED and the enterprise operates
 * at once, with guidance instead of approval.
 */
@Service
public class FilingService {

	/** What a filing's files may be, decided by their content. */
	static final Set<FileType> ACCEPTED = EnumSet.allOf(FileType.class);

	private static final String COLUMNS = "id, enterprise_id, mode, state, materials, submitted_by, submitted_at, "
			+ "updated_at";

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final PlateService plates;

	private final AuditService audit;

	private final PersonalDataCipher cipher;

	private final JsonMapper json;

	private final FilingProperties properties;

	private final Clock clock;

	private final TransactionalOperator transactions;

	private final NegativeListService negativeList;

	FilingService(DatabaseClient database, EnterpriseService enterprises, PlateService plates, AuditService audit,
			PersonalDataCipher cipher, JsonMapper json, FilingProperties properties, Clock clock,
			ReactiveTransactionManager transactionManager, NegativeListService negativeList) {
		this.negativeList = negativeList;
		this.transactions = TransactionalOperator.create(transactionManager);
		this.database = database;
		this.enterprises = enterprises;
		this.plates = plates;
		this.audit = audit;
		this.cipher = cipher;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The mode in force, since when, and why; the configured default before any switch.
	 */
	public Mono<ModeSetting> mode() {
		return database.sql(
				"SELECT mode, reason, changed_by, changed_at FROM filing_mode_change ORDER BY changed_at DESC, id DESC "
						+ "LIMIT 1")
			.map(row -> new ModeSetting(FilingMode.valueOf(row.get("mode", String.class)),
					row.get("reason", String.class), row.get("changed_by", UUID.class),
					row.get("changed_at", Instant.class)))
			.one()
			.defaultIfEmpty(new ModeSetting(properties.defaultMode(), null, null, null));
	}

	/** The district admin switches between approval and notify-only filing. */
	@Transactional
	public Mono<ModeSetting> setMode(CurrentUser admin, FilingMode mode, String reason) {
		if (!admin.isDistrictAdmin()) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only the district admin switches the filing mode."));
		}
		UUID id = Ids.newId();
		return database
			.sql("INSERT INTO filing_mode_change (id, mode, reason, changed_by, changed_at) "
					+ "VALUES (:id, :mode, :reason, :by, :at)")
			.bind("id", id)
			.bind("mode", mode.name())
			.bind("reason", reason)
			.bind("by", admin.id())
			.bind("at", clock.instant())
			.then()
			.then(audit.record(new AuditEntry(admin.id(), "FILING_MODE_CHANGED", "filing_mode", id.toString(), null,
					Map.of("mode", mode.name()))))
			.then(mode());
	}

	/**
	 * The manager files its enterprise. With approval the filing waits for the officials;
	 * notify-only, it is FILED and the enterprise operates now.
	 */
	@Transactional
	public Mono<Filing> submit(CurrentUser manager, UUID enterpriseId, Materials materials) {
		return enterprises.get(manager, enterpriseId).flatMap(enterprise -> {
			if (!manager.holdsFor(enterpriseId, Role.ENTERPRISE_MANAGER)) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Only the enterprise's manager files for it."));
			}
			return negativeList.requireNotListed(enterprise.industry(), enterprise.shopKind())
				.then(mode())
				.flatMap(setting -> requireNoneOpen(enterpriseId).then(Mono.defer(() -> {
					var now = clock.instant();
					UUID id = Ids.newId();
					boolean notify = setting.mode() == FilingMode.NOTIFY_ONLY;
					FilingState state = notify ? FilingState.FILED : FilingState.SUBMITTED;
					Mono<Void> insert = database
						.sql("INSERT INTO filing (" + COLUMNS
								+ ") VALUES (:id, :enterprise, :mode, :state, :materials, " + ":by, :now, :now)")
						.bind("id", id)
						.bind("enterprise", enterpriseId)
						.bind("mode", setting.mode().name())
						.bind("state", state.name())
						.bind("materials", Json.of(json.writeValueAsString(materials)))
						.bind("by", manager.id())
						.bind("now", now)
						.then();
					return insert.then(step(id, notify ? "FILE" : "SUBMIT", null, state, null, manager.id(), now))
						.then(notify ? enterprises.markOperating(enterpriseId) : Mono.empty())
						.then(audit.record(new AuditEntry(manager.id(), "FILING_SUBMITTED", "filing", id.toString(),
								null, Map.of("enterpriseId", enterpriseId.toString(), "mode", setting.mode().name()))))
						.then(load(id));
				})));
		});
	}

	/** An official's step: review, inspect, approve or return (with a note). */
	@Transactional
	public Mono<Filing> step(CurrentUser official, UUID filingId, Action action, String note) {
		if (action == Action.RETURN && note == null) {
			return Mono.error(new ApiException.InvalidField("note", "is required: the reasons for returning"));
		}
		return row(filingId).flatMap(filing -> enterprises.requireOverseen(official, filing.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Filing"))
			.flatMap(enterprise -> {
				FilingState next = filing.state().after(action).orElse(null);
				if (next == null) {
					return Mono.error(new ApiException.Conflict("invalid_transition",
							"The filing is " + filing.state() + "; it cannot be " + verb(action) + " now."));
				}
				Mono<Void> checks = Mono.empty();
				if (action == Action.APPROVE) {
					checks = missing(filingId).flatMap(missing -> missing.isEmpty() ? Mono.<Void>empty()
							: Mono.error(new ApiException.Conflict("materials_missing",
									"Required materials are not on file: " + missing + ".")));
				}
				var now = clock.instant();
				return checks
					.then(database.sql("""
							UPDATE filing SET state = :next, updated_at = :now WHERE id = :id AND state = :current
							""")
						.bind("next", next.name())
						.bind("now", now)
						.bind("id", filingId)
						.bind("current", filing.state().name())
						.fetch()
						.rowsUpdated())
					.flatMap(updated -> updated == 0
							? Mono.error(new ApiException.Conflict("invalid_transition",
									"The filing was changed meanwhile."))
							: step(filingId, action.name(), filing.state(), next, note, official.id(), now))
					.then(action == Action.APPROVE ? approve(official, enterprise, filingId) : Mono.empty())
					.then(audit.record(new AuditEntry(official.id(), "FILING_" + action.name(), "filing",
							filingId.toString(), null, Map.of("to", next.name()))))
					.then(load(filingId));
			}));
	}

	/**
	 * Approved: the enterprise may operate and gets a BLUE plate, unless it already has a
	 * plate (an inspection's YELLOW or RED stands until a follow-up).
	 */
	private Mono<Void> approve(CurrentUser official, Enterprise enterprise, UUID filingId) {
		Mono<Void> plate = plates.allows(enterprise.plate(), Plate.BLUE, PlateSource.FILING, null) ? plates
			.record(official.id(), enterprise.id(), Plate.BLUE, "复工备案审批通过", null, PlateSource.FILING, filingId)
			.then() : Mono.empty();
		return enterprises.markOperating(enterprise.id()).then(plate);
	}

	/** A filing whose enterprise the caller may read. */
	public Mono<Filing> get(CurrentUser user, UUID filingId) {
		return row(filingId).flatMap(filing -> enterprises.get(user, filing.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Filing"))
			.then(load(filingId)));
	}

	/** An enterprise's filings, newest first. */
	public Flux<Filing> ofEnterprise(CurrentUser user, UUID enterpriseId) {
		return enterprises.get(user, enterpriseId)
			.flatMapMany(enterprise -> database
				.sql("SELECT id FROM filing WHERE enterprise_id = :id ORDER BY submitted_at DESC LIMIT 100")
				.bind("id", enterpriseId)
				.map(row -> row.get("id", UUID.class))
				.all())
			.concatMap(this::load);
	}

	/**
	 * Which of these enterprises are filed (复工备案): an approved filing, or one recorded in
	 * notify-only mode. For features that keep figures; no caller scope.
	 */
	public Mono<Set<UUID>> filedAmong(Collection<UUID> enterpriseIds) {
		if (enterpriseIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return database
			.sql("SELECT DISTINCT enterprise_id FROM filing WHERE enterprise_id = ANY(:ids) "
					+ "AND state IN ('APPROVED', 'FILED')")
			.bind("ids", enterpriseIds.toArray(UUID[]::new))
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(java.util.HashSet<UUID>::new, Set::add)
			.map(Set::copyOf);
	}

	/**
	 * The filings the caller sees: an official's zones, a manager's or guide's
	 * enterprises, everything for the district admin; newest first.
	 */
	public Mono<FilingPage> list(CurrentUser user, FilingState state, int page, int size) {
		Mono<Set<UUID>> scope = user.isDistrictAdmin() ? Mono.just(Set.of()) : enterprises.officialSubtrees(user)
			.flatMap(zones -> enterprises.inZones(zones, null).map(Enterprise::id).collectList().map(ids -> {
				Set<UUID> all = new java.util.HashSet<>(ids);
				all.addAll(user.enterprisesAs(Role.ENTERPRISE_MANAGER, Role.GUIDE));
				return Set.copyOf(all);
			}));
		return scope.flatMap(ids -> {
			if (!user.isDistrictAdmin() && ids.isEmpty()) {
				return Mono.just(new FilingPage(List.of(), 0));
			}
			String where = " WHERE true" + (user.isDistrictAdmin() ? "" : " AND enterprise_id = ANY(:ids)")
					+ (state == null ? "" : " AND state = :state");
			var select = database.sql("SELECT id, count(*) OVER () AS total FROM filing" + where
					+ " ORDER BY submitted_at DESC, id DESC LIMIT :limit OFFSET :offset");
			if (!user.isDistrictAdmin()) {
				select = select.bind("ids", ids.toArray(UUID[]::new));
			}
			if (state != null) {
				select = select.bind("state", state.name());
			}
			return select.bind("limit", size)
				.bind("offset", (long) page * size)
				.map(row -> Map.entry(row.get("id", UUID.class), row.get("total", Long.class)))
				.all()
				.collectList()
				.flatMap(rows -> Flux.fromIterable(rows)
					.concatMap(entry -> load(entry.getKey()))
					.collectList()
					.map(items -> new FilingPage(items, rows.isEmpty() ? 0 : rows.get(0).getValue())));
		});
	}

	/** A page of filings and how many match. */
	public record FilingPage(List<Filing> items, long total) {
	}

	/**
	 * Adds a file to a filing of an enterprise the caller manages. The caller's right is
	 * checked before the upload is read; the type is decided by the content. No
	 * transaction (nor connection) is held while the client sends the file: only the
	 * INSERT and its audit row are one.
	 */
	public Mono<Filing.FileInfo> addFile(CurrentUser manager, UUID filingId, Mono<Upload> upload) {
		return row(filingId).flatMap(filing -> enterprises.get(manager, filing.enterpriseId())
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Filing"))
			.flatMap(enterprise -> {
				if (!manager.holdsFor(enterprise.id(), Role.ENTERPRISE_MANAGER)) {
					return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
							"Only the enterprise's manager adds materials."));
				}
				if (!filing.state().acceptsFiles()) {
					return Mono.error(new ApiException.Conflict("invalid_transition",
							"The filing is " + filing.state() + ": it takes no more materials."));
				}
				return fileCount(filingId)
					.flatMap(count -> count >= properties.maxFiles()
							? Mono.error(new ApiException.Conflict("too_many_files",
									"A filing takes at most " + properties.maxFiles() + " files."))
							: Mono.just(filing));
			})).flatMap(filing -> upload.flatMap(received -> {
				FileKind kind = kind(received.field("kind"));
				return Mono.fromCallable(() -> stored(received))
					.subscribeOn(Schedulers.boundedElastic())
					.flatMap(stored -> {
						UUID id = Ids.newId();
						var now = clock.instant();
						String name = dev.fugong.shared.upload.Attachments.cleanName(received.fileName());
						return transactions.transactional(database.sql("""
								INSERT INTO filing_file (id, filing_id, kind, name, content_type, size, sha256, content,
								    uploaded_by, uploaded_at)
								VALUES (:id, :filing, :kind, :name, :type, :size, :sha, :content, :by, :now)
								""")
							.bind("id", id)
							.bind("filing", filingId)
							.bind("kind", kind.name())
							.bind("name", name)
							.bind("type", stored.type().mediaType())
							.bind("size", stored.size())
							.bind("sha", stored.sha256())
							.bind("content", stored.ciphertext())
							.bind("by", manager.id())
							.bind("now", now)
							.then()
							.then(audit.record(new AuditEntry(manager.id(), "FILING_FILE_UPLOADED", "filing",
									filingId.toString(), null, Map.of("fileId", id.toString(), "kind", kind.name())))))
							.thenReturn(
									new Filing.FileInfo(id, kind, name, stored.type().mediaType(), stored.size(), now));
					});
			}));
	}

	/** A file of a filing the caller may read, decrypted; the read is audited. */
	@Transactional
	public Mono<StoredFile> file(CurrentUser user, UUID filingId, UUID fileId) {
		return get(user, filingId).flatMap(filing -> database
			.sql("SELECT name, content_type, content FROM filing_file WHERE id = :id AND filing_id = :filing")
			.bind("id", fileId)
			.bind("filing", filingId)
			.map(row -> new Object[] { row.get("name", String.class), row.get("content_type", String.class),
					row.get("content", byte[].class) })
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("File")))
			.flatMap(found -> audit
				.record(new AuditEntry(user.id(), "FILING_FILE_READ", "filing", filingId.toString(), null,
						Map.of("fileId", fileId.toString())))
				.then(Mono
					.fromCallable(() -> new StoredFile((String) found[0], FileType.ofMediaType((String) found[1]),
							cipher.decryptBytes((byte[]) found[2], Column.FILING_FILE)))
					.subscribeOn(Schedulers.boundedElastic()))));
	}

	/** A file's name, type and content. */
	public record StoredFile(String name, FileType type, byte[] content) {
	}

	/** The district's filing mode. */
	public record ModeSetting(FilingMode mode, String reason, UUID changedBy, Instant since) {
	}

	private record Stored(FileType type, int size, byte[] sha256, byte[] ciphertext) {
	}

	/** Checks the content (type, archive limits), hashes and encrypts it. */
	private Stored stored(Upload upload) throws NoSuchAlgorithmException {
		FileType type = UploadInspector.inspect(upload.content(), ACCEPTED, ArchiveLimits.DEFAULT);
		byte[] sha = MessageDigest.getInstance("SHA-256").digest(upload.content());
		return new Stored(type, upload.content().length, sha,
				cipher.encryptBytes(upload.content(), Column.FILING_FILE));
	}

	private static FileKind kind(String value) {
		if (value == null || value.isBlank()) {
			throw new ApiException.InvalidField("kind", "is required: one of " + List.of(FileKind.values()));
		}
		try {
			return FileKind.valueOf(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException.InvalidField("kind", "must be one of " + List.of(FileKind.values()));
		}
	}

	private Mono<Void> requireNoneOpen(UUID enterpriseId) {
		return database.sql(
				"SELECT state FROM filing WHERE enterprise_id = :id AND state IN ('SUBMITTED', 'PRELIMINARY_REVIEWED', "
						+ "'SITE_INSPECTED', 'APPROVED', 'FILED')")
			.bind("id", enterpriseId)
			.map(row -> FilingState.valueOf(row.get("state", String.class)))
			.all()
			.collectList()
			.flatMap(states -> {
				if (states.stream().anyMatch(FilingState::open)) {
					return Mono.error(new ApiException.Conflict("filing_open",
							"This enterprise has a filing under review; wait for it or have it returned."));
				}
				if (!states.isEmpty()) {
					return Mono.error(new ApiException.Conflict("already_filed",
							"This enterprise is already filed and may operate."));
				}
				return Mono.empty();
			});
	}

	private Mono<Void> step(UUID filingId, String action, FilingState from, FilingState to, String note, UUID actor,
			Instant at) {
		return database.sql("""
				INSERT INTO filing_step (id, filing_id, action, from_state, to_state, note, actor_id, at)
				VALUES (:id, :filing, :action, :from, :to, :note, :actor, :at)
				""")
			.bind("id", Ids.newId())
			.bind("filing", filingId)
			.bind("action", action)
			.bind("from", Parameter.fromOrEmpty(from == null ? null : from.name(), String.class))
			.bind("to", to.name())
			.bind("note", Parameter.fromOrEmpty(note, String.class))
			.bind("actor", actor)
			.bind("at", at)
			.then();
	}

	private Mono<Long> fileCount(UUID filingId) {
		return database.sql("SELECT count(*) FROM filing_file WHERE filing_id = :id")
			.bind("id", filingId)
			.map(row -> row.get(0, Long.class))
			.one();
	}

	private Mono<List<FileKind>> missing(UUID filingId) {
		return database.sql("SELECT DISTINCT kind FROM filing_file WHERE filing_id = :id")
			.bind("id", filingId)
			.map(row -> FileKind.valueOf(row.get("kind", String.class)))
			.all()
			.collectList()
			.map(present -> FileKind.REQUIRED.stream().filter(kind -> !present.contains(kind)).toList());
	}

	private record Row(UUID id, UUID enterpriseId, FilingMode mode, FilingState state, Materials materials,
			UUID submittedBy, Instant submittedAt, Instant updatedAt) {
	}

	private Mono<Row> row(UUID filingId) {
		return database.sql("SELECT " + COLUMNS + " FROM filing WHERE id = :id")
			.bind("id", filingId)
			.map(this::read)
			.one()
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Filing")));
	}

	private Row read(Readable row) {
		return new Row(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				FilingMode.valueOf(row.get("mode", String.class)), FilingState.valueOf(row.get("state", String.class)),
				json.readValue(row.get("materials", Json.class).asString(), Materials.class),
				row.get("submitted_by", UUID.class), row.get("submitted_at", Instant.class),
				row.get("updated_at", Instant.class));
	}

	private Mono<Filing> load(UUID filingId) {
		Mono<List<Filing.FileInfo>> files = database
			.sql("SELECT id, kind, name, content_type, size, uploaded_at FROM filing_file WHERE filing_id = :id "
					+ "ORDER BY uploaded_at, id")
			.bind("id", filingId)
			.map(row -> new Filing.FileInfo(row.get("id", UUID.class), FileKind.valueOf(row.get("kind", String.class)),
					row.get("name", String.class), row.get("content_type", String.class),
					row.get("size", Integer.class), row.get("uploaded_at", Instant.class)))
			.all()
			.collectList();
		Mono<List<Filing.Step>> steps = database
			.sql("SELECT action, from_state, to_state, note, actor_id, at FROM filing_step WHERE filing_id = :id "
					+ "ORDER BY at, id")
			.bind("id", filingId)
			.map(row -> {
				String from = row.get("from_state", String.class);
				return new Filing.Step(row.get("action", String.class), from == null ? null : FilingState.valueOf(from),
						FilingState.valueOf(row.get("to_state", String.class)), row.get("note", String.class),
						row.get("actor_id", UUID.class), row.get("at", Instant.class));
			})
			.all()
			.collectList();
		return row(filingId).zipWith(files).zipWith(steps).map(all -> {
			Row row = all.getT1().getT1();
			List<Filing.FileInfo> fileList = all.getT1().getT2();
			List<FileKind> missing = new ArrayList<>(FileKind.REQUIRED);
			fileList.forEach(file -> missing.remove(file.kind()));
			return new Filing(row.id(), row.enterpriseId(), row.mode(), row.state(), row.materials(), row.submittedBy(),
					row.submittedAt(), row.updatedAt(), fileList, all.getT2(), FilingGuidance.of(row.materials()),
					List.copyOf(missing));
		});
	}

	private static String verb(Action action) {
		return switch (action) {
			case REVIEW -> "reviewed";
			case INSPECT -> "inspected";
			case APPROVE -> "approved";
			case RETURN -> "returned";
		};
	}

}
