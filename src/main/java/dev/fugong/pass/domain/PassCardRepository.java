package dev.fugong.pass.domain;

import java.util.UUID;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface PassCardRepository extends ReactiveCrudRepository<PassCard, UUID> {

}
