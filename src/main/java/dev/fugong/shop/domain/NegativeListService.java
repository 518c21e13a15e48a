package dev.fugong.shop.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Zone;
import dev.fugong.enterprise.domain.ZoneKind;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shop.model.NegativeList;
import dev.fugong.shop.model.NegativeList.Item;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's negative list (负面清单): kept as whole versions, the newest in force, so
 * the history shows who changed what when (ADR 0047). Applications and filings of a
 * listed kind are refused with the item's reason ({@link #requireNotListed}); listed
 * kinds already open are listed for the officials to inspect ({@link #openListed}).
 */
@Service
public class NegativeListService {

	private static final TypeReference<List<StoredItem>> ITEMS = new TypeReference<>() {
	};

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final AuditService audit;

	private final JsonMapper json;

	private final ShopProperties properties;

	private final Clock clock;

	NegativeListService(DatabaseClient database, EnterpriseService enterprises, AuditService audit, JsonMapper json,
			ShopProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.audit = audit;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/** The list in force, with who set it and when; an empty list before any. */
	public Mono<Version> current() {
		return database.sql(
				"SELECT id, items, changed_by, changed_at FROM negative_list_version ORDER BY changed_at DESC, id DESC "
						+ "LIMIT 1")
			.map(this::read)
			.one()
			.defaultIfEmpty(new Version(null, List.of(), null, null));
	}

	/** Every version, newest first: the list's history. */
	public Flux<Version> history(int limit) {
		return database.sql(
				"SELECT id, items, changed_by, changed_at FROM negative_list_version ORDER BY changed_at DESC, id DESC "
						+ "LIMIT :limit")
			.bind("limit", limit)
			.map(this::read)
			.all();
	}

	/**
	 * Replaces the list: the district admin, or an official of the district itself (a
	 * park's or a town's officials read it but do not set the district's list).
	 */
	@Transactional
	public Mono<Version> replace(CurrentUser user, List<Item> items) {
		if (items.size() > properties.maxItems()) {
			return Mono
				.error(new ApiException.InvalidField("items", "has more than " + properties.maxItems() + " items"));
		}
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (item.to() != null && item.to().isBefore(item.from())) {
				return Mono.error(new ApiException.InvalidField("items[" + i + "].to", "is before from"));
			}
		}
		return mayEdit(user).flatMap(allowed -> {
			if (!allowed) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Only the district admin and the district's officials change the negative list."));
			}
			UUID id = Ids.newId();
			Instant now = clock.instant();
			List<StoredItem> stored = items.stream().map(StoredItem::of).toList();
			return database
				.sql("INSERT INTO negative_list_version (id, items, changed_by, changed_at) "
						+ "VALUES (:id, :items, :by, :at)")
				.bind("id", id)
				.bind("items", Json.of(json.writeValueAsString(stored)))
				.bind("by", user.id())
				.bind("at", now)
				.then()
				.then(audit.record(new AuditEntry(user.id(), "NEGATIVE_LIST_CHANGED", "negative_list_version",
						id.toString(), null, Map.of("items", items.size()))))
				.thenReturn(new Version(id, List.copyOf(items), user.id(), now));
		});
	}

	/** Whether this caller may change the list. */
	public Mono<Boolean> mayEdit(CurrentUser user) {
		if (user.isDistrictAdmin()) {
			return Mono.just(true);
		}
		Set<UUID> zones = user.officialZones();
		if (zones.isEmpty()) {
			return Mono.just(false);
		}
		return enterprises.allZones()
			.filter(zone -> zone.kind() == ZoneKind.DISTRICT)
			.map(Zone::id)
			.any(zones::contains);
	}

	/**
	 * Fails with 409 {@code negative_listed}, naming the item's reason, when the list in
	 * force lists this industry and shop kind today.
	 */
	public Mono<Void> requireNotListed(Industry industry, String shopKind) {
		return current().flatMap(version -> NegativeList
			.listing(version.items(), industry, shopKind, clock, properties.zone())
			.map(item -> Mono.<Void>error(new ApiException.Conflict("negative_listed",
					"This kind of shop (" + describe(item) + ") is on the district's negative list and may not reopen: "
							+ item.reason() + (item.to() == null ? "" : " (listed until " + item.to() + ")."))))
			.orElseGet(Mono::empty));
	}

	/**
	 * The caller's enterprises that are open (OPERATING) although the list lists their
	 * kind today, with the item: for officials to inspect. The district admin sees the
	 * whole district.
	 */
	public Flux<Listed> openListed(CurrentUser user) {
		Mono<Set<UUID>> zones = user.isDistrictAdmin()
				? enterprises.allZones().map(Zone::id).collect(java.util.stream.Collectors.toUnmodifiableSet())
				: enterprises.officialSubtrees(user);
		LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
		return Mono.zip(zones, current()).flatMapMany(both -> {
			List<Item> items = both.getT2().items();
			if (items.isEmpty() || both.getT1().isEmpty()) {
				return Flux.empty();
			}
			Set<Industry> industries = items.stream()
				.filter(item -> item.lists(item.industry(), item.shopKind(), today))
				.map(Item::industry)
				.collect(java.util.stream.Collectors.toSet());
			return Flux.fromIterable(industries)
				.concatMap(industry -> enterprises.inZones(both.getT1(), industry))
				.filter(enterprise -> enterprise.status() == EnterpriseStatus.OPERATING)
				.flatMap(enterprise -> Mono
					.justOrEmpty(NegativeList.listing(items, enterprise.industry(), enterprise.shopKind(), today)
						.map(item -> new Listed(enterprise, item))))
				.collectSortedList(Comparator.comparing((Listed listed) -> listed.enterprise().name())
					.thenComparing(listed -> listed.enterprise().id()))
				.flatMapIterable(list -> list);
		});
	}

	private static String describe(Item item) {
		return item.industry().label() + (item.shopKind() == null ? "" : " · " + item.shopKind());
	}

	private Version read(Readable row) {
		List<StoredItem> stored = json.readValue(row.get("items", Json.class).asString(), ITEMS);
		List<Item> items = new ArrayList<>(stored.size());
		stored.forEach(item -> items.add(item.toItem()));
		return new Version(row.get("id", UUID.class), List.copyOf(items), row.get("changed_by", UUID.class),
				row.get("changed_at", Instant.class));
	}

	/** A version of the list: its items, who set it and when (all null before any). */
	public record Version(UUID id, List<Item> items, UUID changedBy, Instant changedAt) {
	}

	/** An open enterprise of a listed kind, and the item that lists it. */
	public record Listed(Enterprise enterprise, Item item) {
	}

	/**
	 * An item as stored: dates as ISO strings, so the stored form does not hang on
	 * codecs.
	 */
	record StoredItem(String industry, String shopKind, String from, String to, String reason) {

		static StoredItem of(Item item) {
			return new StoredItem(item.industry().name(), item.shopKind(), item.from().toString(),
					item.to() == null ? null : item.to().toString(), item.reason());
		}

		Item toItem() {
			return new Item(Industry.valueOf(industry), shopKind, LocalDate.parse(from),
					to == null ? null : LocalDate.parse(to), reason);
		}

	}

}
