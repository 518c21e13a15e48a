package dev.fugong.enterprise.domain;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface CommunityRepository extends ReactiveCrudRepository<Community, UUID> {

	Flux<Community> findByZoneIdInOrderByCreatedAtAscIdAsc(Collection<UUID> zoneIds);

}
