package dev.fugong.person;

import java.time.Clock;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.shared.crypto.LookupHasher;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.validation.IdNumber;
import dev.fugong.shared.validation.Phone;

import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.stereotype.Service;

/**
 * 一人一档: persons keyed by phone number. Phone, ID number and name are encrypted before
 * they reach the database and found again by keyed hash; see
 * docs/adr/0003-personal-data-crypto.md.
 */
@Service
public class PersonService {

	private final PersonRepository persons;

	private final R2dbcEntityTemplate template;

	private final PersonalDataCipher cipher;

	private final LookupHasher hasher;

	private final Clock clock;

	PersonService(PersonRepository persons, R2dbcEntityTemplate template, PersonalDataCipher cipher,
			LookupHasher hasher, Clock clock) {
		this.clock = clock;
		this.persons = persons;
		this.template = template;
		this.cipher = cipher;
		this.hasher = hasher;
	}

	/**
	 * The person with this phone, created if there is none yet. The phone must be a valid
	 * mainland mobile number; the ID number, when given, a valid 18-character one. Either
	 * reaches here from a client (a request, or the number WeChat vouches for), so an
	 * invalid one is a 400 naming the field, never a 500.
	 */
	public Mono<PersonProfile> findOrRegister(String phone, String idNumber, String name, UUID enterpriseId) {
		String normalized = Phone.normalize(phone);
		if (normalized == null) {
			return Mono.error(new ApiException.InvalidField("phone", "must be an 11-digit mainland mobile number"));
		}
		if (idNumber != null && !IdNumber.isValid(idNumber)) {
			return Mono.error(new ApiException.InvalidField("idNumber", "must be a valid 18-character ID number"));
		}
		return findByPhone(normalized).switchIfEmpty(Mono.defer(() -> {
			Person person = new Person(Ids.newId(), cipher.encrypt(normalized, Column.PERSON_PHONE),
					hasher.hash(normalized, Column.PERSON_PHONE),
					idNumber == null ? null : cipher.encrypt(idNumber, Column.PERSON_ID_NUMBER),
					idNumber == null ? null : hasher.hash(idNumber, Column.PERSON_ID_NUMBER),
					name == null ? null : cipher.encrypt(name, Column.PERSON_NAME), enterpriseId, HealthStatus.NORMAL,
					clock.instant(), clock.instant());
			return template.insert(person).map(this::decrypt);
		}));
	}

	public Mono<PersonProfile> findByPhone(String phone) {
		String normalized = Phone.normalize(phone);
		if (normalized == null) {
			return Mono.empty();
		}
		return persons.findByPhoneHashes(hasher.candidates(normalized, Column.PERSON_PHONE)).map(this::decrypt);
	}

	/** The person's health status alone, without decrypting anything. */
	public Mono<HealthStatus> healthStatus(UUID id) {
		// One column by primary key: asked once per gate scan, so no entity mapping and
		// no ciphertexts read.
		return template.getDatabaseClient()
			.sql("SELECT health_status FROM person WHERE id = :id")
			.bind("id", id)
			.map(row -> HealthStatus.valueOf(row.get(0, String.class)))
			.one();
	}

	public Mono<PersonProfile> findById(UUID id) {
		return persons.findById(id).map(this::decrypt);
	}

	private PersonProfile decrypt(Person person) {
		return new PersonProfile(person.id(), cipher.decrypt(person.phoneCipher(), Column.PERSON_PHONE),
				person.idNumberCipher() == null ? null
						: cipher.decrypt(person.idNumberCipher(), Column.PERSON_ID_NUMBER),
				person.nameCipher() == null ? null : cipher.decrypt(person.nameCipher(), Column.PERSON_NAME),
				person.enterpriseId(), person.healthStatus());
	}

}
