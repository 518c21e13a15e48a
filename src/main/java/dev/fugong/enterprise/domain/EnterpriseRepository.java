package dev.fugong.enterprise.domain;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface EnterpriseRepository extends ReactiveCrudRepository<Enterprise, UUID> {

	Mono<Boolean> existsByUscc(String uscc);

}
