package dev.fugong.returnee.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.region.domain.RegionRiskService;
import dev.fugong.region.domain.RiskChangeListener;
import dev.fugong.region.model.RiskTimeline;
import dev.fugong.returnee.model.Flag;
import dev.fugong.returnee.model.FlagRules;
import dev.fugong.returnee.model.ObservationRules;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * When a region's risk changes, derives the flags of every returnee still observed again:
 * a region declared HIGH for dates already past flags those who were there, and one
 * lowered unflags them. Observed returnees are a bounded set (14 days of arrivals); they
 * are read in pages of 1,000, their travel decrypted, and only changed flags written. The
 * gate cache is refreshed for those.
 */
@Component
class FlagRecomputer implements RiskChangeListener {

	private static final Logger log = LoggerFactory.getLogger(FlagRecomputer.class);

	private static final int PAGE = 1000;

	private final DatabaseClient database;

	private final ReturneeService returnees;

	private final RegionRiskService risks;

	private final RegionCatalog regions;

	private final FlagRules flagRules;

	private final ObservationRules rules;

	private final ObservationCache cache;

	FlagRecomputer(DatabaseClient database, ReturneeService returnees, RegionRiskService risks, RegionCatalog regions,
			FlagRules flagRules, ObservationRules rules, ObservationCache cache) {
		this.database = database;
		this.returnees = returnees;
		this.risks = risks;
		this.regions = regions;
		this.flagRules = flagRules;
		this.rules = rules;
		this.cache = cache;
	}

	@Override
	public Mono<Void> riskChanged(String regionCode) {
		return risks.timelineAll()
			.flatMap(timeline -> page(timeline, null, 0))
			.doOnNext(changed -> log.info("Risk of region {} changed: flags of {} returnees changed", regionCode,
					changed))
			.then();
	}

	private Mono<Integer> page(RiskTimeline timeline, UUID after, int changedSoFar) {
		return database.sql("""
				SELECT id, person_id, travel_cipher, departed_at, arrival_at, contact_with_case, flags FROM returnee
				WHERE arrival_day > :clearedFrom AND id > :after ORDER BY id LIMIT :limit
				""")
			.bind("clearedFrom", rules.today().minusDays(rules.observationDays()))
			.bind("after", after == null ? new UUID(0, 0) : after)
			.bind("limit", PAGE)
			.map(row -> new Candidate(row.get("id", UUID.class), row.get("person_id", UUID.class),
					row.get("travel_cipher", byte[].class), row.get("departed_at", Instant.class),
					row.get("arrival_at", Instant.class),
					Boolean.TRUE.equals(row.get("contact_with_case", Boolean.class)),
					ReturneeRow.flags(row.get("flags", String.class))))
			.all()
			.collectList()
			.flatMap(candidates -> {
				List<Candidate> changed = new ArrayList<>();
				List<String> flags = new ArrayList<>();
				for (Candidate candidate : candidates) {
					Travel travel = returnees.decrypt(candidate.travel());
					Set<Flag> now = flagRules.flags(timeline, travel.origin(), candidate.departedAt(),
							candidate.arrivalAt(), travel.legs(), candidate.contact());
					if (!now.equals(candidate.flags())) {
						changed.add(candidate);
						flags.add(ReturneeRow.flags(now));
					}
				}
				Mono<Void> write = changed.isEmpty() ? Mono.empty()
						: database.sql("""
								UPDATE returnee r SET flags = v.flags, changed_at = clock_timestamp()
								FROM unnest(:ids::uuid[], :flags::text[]) AS v(id, flags) WHERE r.id = v.id
								""")
							.bind("ids", changed.stream().map(Candidate::id).toArray(UUID[]::new))
							.bind("flags", flags.toArray(String[]::new))
							.then()
							.then(cache.refresh(changed.stream().map(Candidate::person).distinct().toList()));
				int total = changedSoFar + changed.size();
				if (candidates.size() < PAGE) {
					return write.thenReturn(total);
				}
				return write.then(Mono.defer(() -> page(timeline, candidates.get(candidates.size() - 1).id(), total)));
			});
	}

	private record Candidate(UUID id, UUID person, byte[] travel, Instant departedAt, Instant arrivalAt,
			boolean contact, Set<Flag> flags) {
	}

}
