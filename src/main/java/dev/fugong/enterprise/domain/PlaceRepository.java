package dev.fugong.enterprise.domain;

import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface PlaceRepository extends ReactiveCrudRepository<Place, UUID> {

	Flux<Place> findByEnterpriseIdAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(UUID enterpriseId, Pageable page);

	Mono<Long> countByEnterpriseIdAndDeletedAtIsNull(UUID enterpriseId);

	Mono<Place> findByIdAndDeletedAtIsNull(UUID id);

	Flux<Place> findByCommunityIdAndDeletedAtIsNullOrderByCreatedAtAscIdAsc(UUID communityId, Pageable page);

}
