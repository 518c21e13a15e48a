package dev.fugong.enterprise.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.replica.ReplicaReads;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.dialect.Escaper;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * The enterprise registry (一企一档) and its places. Every method takes the caller and
 * applies its scope, grant by grant: reading needs the district admin, an official over
 * the enterprise's zone, or a manager or guide of that enterprise; changing it the same
 * without the guide. A record outside the caller's scope is "not found", so its existence
 * does not leak.
 */
@Service
public class EnterpriseService {

	private final EnterpriseRepository enterprises;

	private final PlaceRepository places;

	private final ZoneRepository zones;

	private final CommunityRepository communities;

	private final R2dbcEntityTemplate template;

	private final ReplicaReads replicas;

	private final AuditService audit;

	/** Enterprise roles that may read an enterprise, its places and codes. */
	private static final Role[] READERS = { Role.ENTERPRISE_MANAGER, Role.GUIDE };

	/** Enterprise roles that may change an enterprise and its places. */
	private static final Role[] WRITERS = { Role.ENTERPRISE_MANAGER };

	/** Enterprise roles that scan people in at an enterprise's gates. */
	private static final Role[] GATE_KEEPERS = { Role.GATE_STAFF, Role.ENTERPRISE_MANAGER };

	private final Clock clock;

	private final ApplicationEventPublisher events;

	EnterpriseService(EnterpriseRepository enterprises, PlaceRepository places, ZoneRepository zones,
			CommunityRepository communities, R2dbcEntityTemplate template, ReplicaReads replicas, AuditService audit,
			Clock clock, ApplicationEventPublisher events) {
		this.enterprises = enterprises;
		this.places = places;
		this.zones = zones;
		this.communities = communities;
		this.template = template;
		this.replicas = replicas;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * An enterprise by id, whoever asks: only for features that have already checked the
	 * caller's scope on it (or act for the system), never to answer a caller directly.
	 */
	public Mono<Enterprise> find(UUID id) {
		return enterprises.findById(id).switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Enterprise")));
	}

	/**
	 * The enterprises in these zones (and, if given, of this industry), ordered by id:
	 * the population an inspection plan draws from. At most 100,000.
	 */
	public Flux<Enterprise> inZones(Set<UUID> zoneIds, Industry industry) {
		if (zoneIds.isEmpty()) {
			return Flux.empty();
		}
		Criteria criteria = Criteria.where("zone_id").in(zoneIds);
		if (industry != null) {
			criteria = criteria.and(Criteria.where("industry").is(industry));
		}
		return template.select(Query.query(criteria).sort(Sort.by("id")).limit(100_000), Enterprise.class);
	}

	/**
	 * These enterprises, whoever asks (those that exist; in no particular order): for
	 * features that keep figures about enterprises or have checked the caller's scope.
	 */
	public Flux<Enterprise> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return template.select(Query.query(Criteria.where("id").in(ids)), Enterprise.class);
	}

	/**
	 * Every enterprise in id order, {@code limit} at a time after {@code after} (null for
	 * the first): for features that go over the whole registry in pages (the dashboards'
	 * reconciliation).
	 */
	public Flux<Enterprise> pageAfter(UUID after, int limit) {
		Criteria criteria = after == null ? Criteria.empty() : Criteria.where("id").greaterThan(after);
		return template.select(Query.query(criteria).sort(Sort.by("id")).limit(limit), Enterprise.class);
	}

	/**
	 * The ids of every place the enterprise ever had, removed ones too (their scans
	 * stay): for counting the enterprise's scan-ins by place.
	 */
	public Flux<UUID> placeIds(UUID enterpriseId) {
		return template.getDatabaseClient()
			.sql("SELECT id FROM place WHERE enterprise_id = :id")
			.bind("id", enterpriseId)
			.map(row -> row.get(0, UUID.class))
			.all();
	}

	/** Whether an enterprise with this USCC is registered (for applications). */
	public Mono<Boolean> usccRegistered(String uscc) {
		return enterprises.existsByUscc(uscc);
	}

	/**
	 * Puts a plate in force: RED suspends the enterprise (停产, every gate denies entry);
	 * BLUE lets it operate; YELLOW lifts a suspension and otherwise leaves the status.
	 * Only the plate feature calls this, after its own checks (reason, actor, the second
	 * official for RED) and inside its transaction, which records the change
	 * ({@code ArchitectureTests} keeps every other caller out). Caches of gate decisions
	 * on this pod are dropped once the transaction commits.
	 */
	public Mono<Enterprise> applyPlate(UUID enterpriseId, Plate plate) {
		return template.getDatabaseClient()
			.sql("""
					UPDATE enterprise SET plate = :plate,
					    status = CASE WHEN :plate = 'RED' THEN 'SUSPENDED'
					                  WHEN :plate = 'BLUE' THEN 'OPERATING'
					                  WHEN status = 'SUSPENDED' THEN 'OPERATING'
					                  ELSE status END,
					    version = version + 1, updated_at = :now
					WHERE id = :id
					""")
			.bind("plate", plate.name())
			.bind("now", clock.instant())
			.bind("id", enterpriseId)
			.then()
			.then(afterCommit(() -> events.publishEvent(new EnterpriseStandingChanged(enterpriseId))))
			.then(enterprises.findById(enterpriseId))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Enterprise")));
	}

	/**
	 * A filed or approved enterprise may resume: PREPARING becomes OPERATING (a suspended
	 * one stays suspended). Only the filing feature calls this, inside its transaction.
	 */
	public Mono<Void> markOperating(UUID enterpriseId) {
		return template.getDatabaseClient()
			.sql("""
					UPDATE enterprise SET status = 'OPERATING', version = version + 1, updated_at = :now
					WHERE id = :id AND status = 'PREPARING'
					""")
			.bind("now", clock.instant())
			.bind("id", enterpriseId)
			.then()
			.then(afterCommit(() -> events.publishEvent(new EnterpriseStandingChanged(enterpriseId))));
	}

	/** Runs {@code action} once the current transaction commits, or now without one. */
	private static Mono<Void> afterCommit(Runnable action) {
		return TransactionSynchronizationManager.forCurrentTransaction().flatMap(manager -> {
			if (!manager.isSynchronizationActive()) {
				action.run();
				return Mono.<Void>empty();
			}
			manager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(action);
				}
			});
			return Mono.<Void>empty();
		}).onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(action));
	}

	@Transactional
	public Mono<Enterprise> create(CurrentUser user, EnterpriseChanges fields) {
		if (!user.hasAny(Role.OFFICIAL, Role.DISTRICT_ADMIN)) {
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Only officials and district admins register enterprises."));
		}
		var now = clock.instant();
		Enterprise enterprise = new Enterprise(Ids.newId(), fields.name(), fields.uscc(), fields.industry(),
				fields.batch(), fields.zoneId(), fields.address(), fields.headcount(), fields.shopKind(), null,
				EnterpriseStatus.PREPARING, null, now, now);
		return scope(user, WRITERS).flatMap(scope -> requireZone(scope, fields.zoneId()))
			.then(requireFreeUscc(fields.uscc()))
			.then(template.insert(enterprise))
			.flatMap(saved -> audit.record(AuditEntry.of(user.id(), "ENTERPRISE_CREATED", "enterprise", saved.id()))
				.then(afterCommit(() -> events.publishEvent(new EnterpriseChanged(saved.id()))))
				.thenReturn(saved));
	}

	/**
	 * The zone and every zone under it, for features that scope by an official's zone.
	 */
	public Mono<Set<UUID>> zoneSubtree(UUID zoneId) {
		return zones.findSubtreeIds(zoneId).collect(HashSet<UUID>::new, Set::add).map(Set::copyOf);
	}

	/**
	 * The zone and every zone above it: whose officials oversee what happens in it.
	 */
	public Mono<Set<UUID>> zonePath(UUID zoneId) {
		return zones.findPathIds(zoneId).collect(HashSet<UUID>::new, Set::add).map(Set::copyOf);
	}

	/**
	 * The zones the caller oversees, ordered from the top: every zone for the district
	 * admin, an official's subtrees; nobody else oversees a zone.
	 */
	public Flux<Zone> zones(CurrentUser user) {
		if (user.isDistrictAdmin()) {
			return zones.findAllByOrderByKindAscNameAsc();
		}
		return officialSubtrees(user)
			.flatMapMany(ids -> ids.isEmpty() ? Flux.<Zone>empty() : zones.findAllByIdInOrderByKindAscNameAsc(ids));
	}

	/**
	 * Every zone, ordered from the top, whoever asks: for features that work out a
	 * caller's zones themselves from the tree (the dashboards cache it).
	 */
	public Flux<Zone> allZones() {
		return zones.findAllByOrderByKindAscNameAsc();
	}

	/** Whether the zone exists, for features that scope something to a zone. */
	public Mono<Boolean> zoneExists(UUID zoneId) {
		return zones.existsById(zoneId);
	}

	/**
	 * The enterprises the caller oversees (the district admin: all; an official: those in
	 * its zone subtrees; anyone else none), narrowed to the subtree of {@code zoneId} if
	 * given (403 {@code out_of_scope} for a zone outside the caller's).
	 */
	public Mono<Overseen> overseen(CurrentUser user, UUID zoneId) {
		return officialSubtrees(user).flatMap(subtrees -> {
			if (zoneId == null) {
				return user.isDistrictAdmin() ? Mono.just(Overseen.everything()) : idsInZones(subtrees);
			}
			if (!user.isDistrictAdmin() && !subtrees.contains(zoneId)) {
				return Mono
					.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
			}
			return zoneSubtree(zoneId).flatMap(this::idsInZones);
		});
	}

	private Mono<Overseen> idsInZones(Set<UUID> zoneIds) {
		if (zoneIds.isEmpty()) {
			return Mono.just(new Overseen(false, Set.of()));
		}
		return template.getDatabaseClient()
			.sql("SELECT id FROM enterprise WHERE zone_id = ANY(:zones)")
			.bind("zones", zoneIds.toArray(UUID[]::new))
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(HashSet<UUID>::new, Set::add)
			.map(ids -> new Overseen(false, ids));
	}

	/** An enterprise the caller may read; otherwise "not found". */
	public Mono<Enterprise> get(CurrentUser user, UUID id) {
		return scope(user, READERS).flatMap(scope -> findVisible(scope, id));
	}

	/**
	 * An enterprise the caller oversees, as the district admin or an official of its
	 * zone: 404 if the caller cannot see it at all, 403 if it sees it through another
	 * role.
	 */
	public Mono<Enterprise> requireOverseen(CurrentUser user, UUID id) {
		return scope(user, READERS)
			.flatMap(scope -> findVisible(scope, id).flatMap(enterprise -> scope.oversees(enterprise)
					? Mono.just(enterprise) : Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
							"Only the district and the officials of its zone may do this."))));
	}

	/**
	 * Applies the non-null fields. Managers may change name, address and headcount of
	 * their own enterprise; the USCC, industry, batch and zone are for officials.
	 * @param expectedVersion from {@code If-Match}; null to skip the check
	 */
	@Transactional
	public Mono<Enterprise> update(CurrentUser user, UUID id, EnterpriseChanges changes, Long expectedVersion) {
		return scope(user, READERS).flatMap(scope -> findVisible(scope, id).flatMap(current -> {
			boolean official = scope.oversees(current);
			if (!official && !user.holdsFor(current.id(), WRITERS)) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Your role does not allow changing this enterprise."));
			}
			if (!official && changes.touchesOfficialFields()) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Only officials change an enterprise's USCC, industry, batch or zone."));
			}
			if (expectedVersion != null && !expectedVersion.equals(current.version())) {
				return Mono.error(new ApiException(org.springframework.http.HttpStatus.PRECONDITION_FAILED,
						ProblemCode.PRECONDITION_FAILED, "The enterprise was changed since you read it."));
			}
			Mono<Void> checks = Mono.empty();
			if (changes.zoneId() != null && !changes.zoneId().equals(current.zoneId())) {
				checks = requireZone(scope, changes.zoneId());
			}
			if (changes.uscc() != null && !changes.uscc().equals(current.uscc())) {
				checks = checks.then(requireFreeUscc(changes.uscc()));
			}
			Enterprise updated = current.withChanges(changes, clock.instant());
			return checks.then(enterprises.save(updated))
				.flatMap(saved -> audit
					.record(new AuditEntry(user.id(), "ENTERPRISE_UPDATED", "enterprise", saved.id().toString(), null,
							Map.of("fields", changes.fieldNames())))
					.then(afterCommit(() -> events.publishEvent(new EnterpriseChanged(saved.id()))))
					.thenReturn(saved));
		}));
	}

	public Mono<Page<Enterprise>> list(CurrentUser user, EnterpriseFilter filter, int page, int size) {
		return scope(user, READERS).flatMap(scope -> {
			if (scope.isNothing()) {
				return Mono.<Page<Enterprise>>just(Page.empty(PageRequest.of(page, size)));
			}
			Mono<Set<UUID>> zoneFilter = Mono.just(Set.of());
			if (filter.zoneId() != null) {
				// A zone filter outside an official's zones is refused; for a manager or
				// guide it only narrows its own enterprises.
				if (!scope.all() && scope.enterprises().isEmpty() && !scope.zones().contains(filter.zoneId())) {
					return Mono
						.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
				}
				zoneFilter = zones.findSubtreeIds(filter.zoneId()).collect(HashSet::new, Set::add);
			}
			return zoneFilter.flatMap(zoneIds -> query(scope, filter, zoneIds, page, size));
		});
	}

	@Transactional
	public Mono<Place> addPlace(CurrentUser user, UUID enterpriseId, String name, PlaceKind kind,
			boolean requiresDynamicCode) {
		return requireWritable(user, enterpriseId).flatMap(enterprise -> {
			Place place = new Place(Ids.newId(), enterprise.id(), null, name, kind, 1, requiresDynamicCode,
					clock.instant(), null);
			return template.insert(place);
		})
			.flatMap(place -> audit
				.record(new AuditEntry(user.id(), "PLACE_CREATED", "place", place.id().toString(), null,
						Map.of("enterpriseId", place.enterpriseId().toString())))
				.thenReturn(place));
	}

	public Mono<Page<Place>> places(CurrentUser user, UUID enterpriseId, int page, int size) {
		PageRequest request = PageRequest.of(page, size);
		return get(user, enterpriseId)
			.flatMap(enterprise -> places
				.findByEnterpriseIdAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(enterprise.id(), request)
				.collectList()
				.zipWith(places.countByEnterpriseIdAndDeletedAtIsNull(enterprise.id())))
			.map(result -> new PageImpl<>(result.getT1(), request, result.getT2()));
	}

	/**
	 * Every live place of an enterprise the caller can see, oldest first (at most 1,000).
	 */
	public Flux<PlaceView> allPlaces(CurrentUser user, UUID enterpriseId) {
		return get(user, enterpriseId).flatMapMany(enterprise -> places
			.findByEnterpriseIdAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(enterprise.id(), PageRequest.of(0, 1000))
			.map(place -> new PlaceView(place, enterprise)));
	}

	/**
	 * A live place the caller can see, with its enterprise (or its community as owner);
	 * otherwise "not found".
	 */
	public Mono<PlaceView> place(CurrentUser user, UUID placeId) {
		return places.findByIdAndDeletedAtIsNull(placeId)
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Place")))
			.flatMap(place -> (place.communityId() != null
					? community(user, place.communityId()).map(Community::asOwner) : get(user, place.enterpriseId()))
				.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Place"))
				.map(owner -> new PlaceView(place, owner)));
	}

	/**
	 * A live place where the caller keeps the gate: at an enterprise, its gate staff or
	 * manager (officials do not scan people in at enterprises); at a community's
	 * checkpoint, the officials of its grid and the zones above, who staff the
	 * checkpoints. Otherwise "not found".
	 */
	public Mono<PlaceView> gatePlace(CurrentUser user, UUID placeId) {
		return places.findByIdAndDeletedAtIsNull(placeId)
			.filter(place -> place.communityId() != null || user.holdsFor(place.enterpriseId(), GATE_KEEPERS))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Place")))
			.flatMap(place -> place.communityId() != null
					? checkpointKeeper(user, place.communityId()).map(owner -> new PlaceView(place, owner))
					: enterprises.findById(place.enterpriseId()).map(enterprise -> new PlaceView(place, enterprise)));
	}

	private Mono<Enterprise> checkpointKeeper(CurrentUser user, UUID communityId) {
		if (user.officialZones().isEmpty()) {
			return Mono.error(new ApiException.NotFound("Place"));
		}
		return community(user, communityId).map(Community::asOwner)
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Place"));
	}

	/**
	 * The names of these places, removed ones too, with their owners' (an enterprise's or
	 * a community's) names and zones, by place id: what a trajectory or a contact list
	 * shows. One statement, however many places, on the replica when there is one.
	 */
	public Mono<Map<UUID, PlaceLabel>> placeLabels(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return replicas.read(database -> database.sql("""
				SELECT p.id, p.name, COALESCE(e.id, c.id) AS owner_id, COALESCE(e.name, c.name) AS owner_name,
				    COALESCE(e.zone_id, c.zone_id) AS zone_id
				FROM place p
				LEFT JOIN enterprise e ON e.id = p.enterprise_id
				LEFT JOIN community c ON c.id = p.community_id
				WHERE p.id = ANY(:ids)
				""")
			.bind("ids", ids.toArray(UUID[]::new))
			.map(row -> new PlaceLabel(row.get("id", UUID.class), row.get("name", String.class),
					row.get("owner_id", UUID.class), row.get("owner_name", String.class),
					row.get("zone_id", UUID.class)))
			.all()
			.collectMap(PlaceLabel::placeId));
	}

	/**
	 * A live place and its enterprise for checking a scanned code, whoever scans: the
	 * code's signature is the authority here, not a caller's scope.
	 */
	public Mono<PlaceView> placeForCode(UUID placeId) {
		return places.findByIdAndDeletedAtIsNull(placeId)
			.flatMap(place -> (place.communityId() != null
					? communities.findById(place.communityId()).map(Community::asOwner)
					: enterprises.findById(place.enterpriseId()))
				.map(owner -> new PlaceView(place, owner)));
	}

	/**
	 * Bumps the place's code version: every code printed before is refused from now on.
	 */
	@Transactional
	public Mono<Place> rotatePlaceCode(CurrentUser user, UUID placeId) {
		return writablePlace(user, placeId)
			.flatMap(current -> template.getDatabaseClient()
				.sql("UPDATE place SET code_version = code_version + 1 WHERE id = :id RETURNING code_version")
				.bind("id", placeId)
				.map(row -> row.get(0, Integer.class))
				.one()
				.flatMap(version -> audit.record(new AuditEntry(user.id(), "PLACE_CODE_ROTATED", "place",
						placeId.toString(), null, Map.of("codeVersion", version)))
					.thenReturn(current.withCodeVersion(version))));
	}

	/** Renames a place or switches its dynamic-code requirement; null leaves a field. */
	@Transactional
	public Mono<Place> updatePlace(CurrentUser user, UUID placeId, String name, Boolean requiresDynamicCode) {
		return writablePlace(user, placeId).flatMap(current -> {
			Place updated = new Place(current.id(), current.enterpriseId(), current.communityId(),
					name == null ? current.name() : name, current.kind(), current.codeVersion(),
					requiresDynamicCode == null ? current.requiresDynamicCode() : requiresDynamicCode,
					current.createdAt(), null);
			return template.update(updated)
				.flatMap(saved -> audit.record(AuditEntry.of(user.id(), "PLACE_UPDATED", "place", saved.id()))
					.thenReturn(saved));
		});
	}

	/** Removes a place; its codes are refused from now on. Its scans are kept. */
	@Transactional
	public Mono<Void> deletePlace(CurrentUser user, UUID placeId) {
		return writablePlace(user, placeId).flatMap(current -> template.getDatabaseClient()
			.sql("UPDATE place SET deleted_at = :now WHERE id = :id")
			.bind("now", clock.instant())
			.bind("id", placeId)
			.then()
			.then(audit.record(AuditEntry.of(user.id(), "PLACE_DELETED", "place", placeId))));
	}

	private Mono<Place> writablePlace(CurrentUser user, UUID placeId) {
		// A community's checkpoint: whoever sees it (its grid's officials, the admin)
		// keeps it.
		return place(user, placeId).flatMap(view -> view.community() ? Mono.just(view.place())
				: requireWritable(user, view.enterprise().id()).thenReturn(view.place()));
	}

	/**
	 * Registers a residential compound (小区) in a grid zone the caller oversees (an
	 * official of the grid or a zone above it, the district admin): 404 for a zone the
	 * caller cannot see, 409 {@code zone_not_a_grid} for a park, town or street.
	 */
	@Transactional
	public Mono<Community> createCommunity(CurrentUser user, UUID zoneId, String name, String address) {
		return overseenZone(user, zoneId).flatMap(zone -> {
			if (zone.kind() != ZoneKind.GRID) {
				return Mono.error(new ApiException.Conflict("zone_not_a_grid",
						"Communities belong to a grid (网格); choose the grid of the compound."));
			}
			return template.insert(new Community(Ids.newId(), zone.id(), name, address, clock.instant()));
		})
			.flatMap(saved -> audit
				.record(new AuditEntry(user.id(), "COMMUNITY_CREATED", "community", saved.id().toString(), null,
						Map.of("zoneId", saved.zoneId().toString())))
				.thenReturn(saved));
	}

	/**
	 * The communities of the zone and the zones under it, oldest first, if the caller
	 * oversees the zone; otherwise "not found".
	 */
	public Flux<Community> communities(CurrentUser user, UUID zoneId) {
		return overseenZone(user, zoneId).flatMap(zone -> zoneSubtree(zone.id()))
			.flatMapMany(communities::findByZoneIdInOrderByCreatedAtAscIdAsc);
	}

	/**
	 * A community the caller oversees (the district admin, an official of its grid or a
	 * zone above); otherwise "not found".
	 */
	public Mono<Community> community(CurrentUser user, UUID communityId) {
		return officialSubtrees(user)
			.flatMap(subtrees -> communities.findById(communityId)
				.filter(found -> user.isDistrictAdmin() || subtrees.contains(found.zoneId())))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Community")));
	}

	/** Adds a checkpoint (卡点) to a community the caller oversees. */
	@Transactional
	public Mono<Place> addCheckpoint(CurrentUser user, UUID communityId, String name, PlaceKind kind) {
		if (kind != PlaceKind.CHECKPOINT) {
			return Mono
				.error(new ApiException.InvalidField("kind", "a community's places are checkpoints (CHECKPOINT)"));
		}
		return community(user, communityId)
			.flatMap(community -> template
				.insert(new Place(Ids.newId(), null, community.id(), name, kind, 1, false, clock.instant(), null)))
			.flatMap(place -> audit
				.record(new AuditEntry(user.id(), "PLACE_CREATED", "place", place.id().toString(), null,
						Map.of("communityId", place.communityId().toString())))
				.thenReturn(place));
	}

	/** The live checkpoints of a community the caller oversees, oldest first. */
	public Flux<PlaceView> checkpoints(CurrentUser user, UUID communityId) {
		return community(user, communityId).flatMapMany(community -> places
			.findByCommunityIdAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(community.id(), PageRequest.of(0, 1000))
			.map(place -> new PlaceView(place, community.asOwner())));
	}

	/**
	 * The ids of every place the community ever had, removed ones too (their scans stay):
	 * for reading who entered it.
	 */
	public Flux<UUID> communityPlaceIds(UUID communityId) {
		return template.getDatabaseClient()
			.sql("SELECT id FROM place WHERE community_id = :id")
			.bind("id", communityId)
			.map(row -> row.get(0, UUID.class))
			.all();
	}

	/**
	 * The ids of the communities in these zones, whoever asks: for features that scope
	 * scan-ins by their owner (a checkpoint's scans carry its community's id).
	 */
	public Mono<Set<UUID>> communityIdsIn(Set<UUID> zoneIds) {
		if (zoneIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return template.getDatabaseClient()
			.sql("SELECT id FROM community WHERE zone_id = ANY(:zones)")
			.bind("zones", zoneIds.toArray(UUID[]::new))
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(HashSet<UUID>::new, Set::add)
			.map(Set::copyOf);
	}

	private Mono<Zone> overseenZone(CurrentUser user, UUID zoneId) {
		return officialSubtrees(user)
			.flatMap(subtrees -> zones.findById(zoneId)
				.filter(zone -> user.isDistrictAdmin() || subtrees.contains(zone.id())))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Zone")));
	}

	/**
	 * The enterprise, if the caller may change it (its manager, or an official over it).
	 */
	public Mono<Enterprise> requireWritable(CurrentUser user, UUID enterpriseId) {
		return scope(user, READERS).flatMap(scope -> findVisible(scope, enterpriseId).flatMap(enterprise -> {
			if (scope.oversees(enterprise) || user.holdsFor(enterprise.id(), WRITERS)) {
				return Mono.just(enterprise);
			}
			return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
					"Your role does not allow changing this enterprise."));
		}));
	}

	private Mono<Page<Enterprise>> query(EnterpriseScope scope, EnterpriseFilter filter, Set<UUID> zoneIds, int page,
			int size) {
		Criteria criteria = Criteria.empty();
		if (!scope.all()) {
			Criteria inScope = scope.zones().isEmpty() ? Criteria.where("id").in(scope.enterprises())
					: Criteria.where("zone_id").in(scope.zones());
			if (!scope.zones().isEmpty() && !scope.enterprises().isEmpty()) {
				inScope = inScope.or("id").in(scope.enterprises());
			}
			criteria = criteria.and(inScope);
		}
		if (filter.zoneId() != null) {
			criteria = criteria.and(Criteria.where("zone_id").in(zoneIds));
		}
		if (filter.industry() != null) {
			criteria = criteria.and(Criteria.where("industry").is(filter.industry()));
		}
		if (filter.batch() != null) {
			criteria = criteria.and(Criteria.where("batch").is(filter.batch()));
		}
		if (filter.plate() != null) {
			criteria = criteria.and(Criteria.where("plate").is(filter.plate()));
		}
		if (filter.nameContains() != null && !filter.nameContains().isBlank()) {
			String pattern = "%" + Escaper.DEFAULT.escape(filter.nameContains().strip()) + "%";
			criteria = criteria.and(Criteria.where("name").like(pattern).ignoreCase(true));
		}
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		Query query = Query.query(criteria);
		return template.select(query.with(request), Enterprise.class)
			.collectList()
			.zipWith(template.count(query, Enterprise.class))
			.map(result -> new PageImpl<>(result.getT1(), request, result.getT2()));
	}

	private Mono<Enterprise> findVisible(EnterpriseScope scope, UUID id) {
		return enterprises.findById(id)
			.filter(scope::covers)
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Enterprise")));
	}

	private Mono<EnterpriseScope> scope(CurrentUser user, Role... enterpriseRoles) {
		return officialSubtrees(user).map(subtrees -> EnterpriseScope.of(user, subtrees, enterpriseRoles));
	}

	/**
	 * Every zone under the caller's OFFICIAL grants (an official of two parks sees both);
	 * empty for anyone else.
	 */
	public Mono<Set<UUID>> officialSubtrees(CurrentUser user) {
		Set<UUID> roots = user.officialZones();
		if (roots.isEmpty()) {
			return Mono.just(Set.of());
		}
		return Flux.fromIterable(roots)
			.concatMap(zones::findSubtreeIds)
			.collect(HashSet<UUID>::new, Set::add)
			.map(Set::copyOf);
	}

	private Mono<Void> requireZone(EnterpriseScope scope, UUID zoneId) {
		return zones.existsById(zoneId).flatMap(exists -> {
			if (!exists) {
				return Mono.error(new ApiException.InvalidField("zoneId", "does not name a known zone"));
			}
			if (!scope.coversZone(zoneId)) {
				return Mono
					.error(new ApiException.Forbidden(ProblemCode.OUT_OF_SCOPE, "The zone is outside your scope."));
			}
			return Mono.empty();
		});
	}

	private Mono<Void> requireFreeUscc(String uscc) {
		return enterprises.existsByUscc(uscc)
			.flatMap(taken -> taken
					? Mono.error(new ApiException.Conflict("uscc_taken",
							"An enterprise with this unified social credit code is already registered."))
					: Mono.empty());
	}

}
