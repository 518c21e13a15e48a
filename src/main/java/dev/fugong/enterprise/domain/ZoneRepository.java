package dev.fugong.enterprise.domain;

import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface ZoneRepository extends ReactiveCrudRepository<Zone, UUID> {

	Flux<Zone> findAllByOrderByKindAscNameAsc();

	Flux<Zone> findAllByIdInOrderByKindAscNameAsc(java.util.Collection<UUID> ids);

	/**
	 * The zone and every zone below it. Zones are few (hundreds), so a recursive walk is
	 * cheap.
	 */
	@Query("""
			WITH RECURSIVE subtree AS (
			    SELECT id FROM zone WHERE id = :root
			    UNION ALL
			    SELECT z.id FROM zone z JOIN subtree s ON z.parent_id = s.id
			)
			SELECT id FROM subtree
			""")
	Flux<UUID> findSubtreeIds(UUID root);

	/** The zone and every zone above it, up to the district. */
	@Query("""
			WITH RECURSIVE path AS (
			    SELECT id, parent_id FROM zone WHERE id = :zone
			    UNION ALL
			    SELECT z.id, z.parent_id FROM zone z JOIN path p ON z.id = p.parent_id
			)
			SELECT id FROM path
			""")
	Flux<UUID> findPathIds(UUID zone);

}
