package dev.fugong.person;

import java.util.Collection;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

interface PersonRepository extends ReactiveCrudRepository<Person, UUID> {

	/** By any of the phone's hashes (one per lookup key during a key rotation). */
	@Query("SELECT * FROM person WHERE phone_hash IN (:hashes) LIMIT 1")
	Mono<Person> findByPhoneHashes(Collection<byte[]> hashes);

}
