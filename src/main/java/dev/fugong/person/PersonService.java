package dev.fugong.person;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
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

	/** Persons by id, in one statement (a page of a list, a chunk of an export). */
	public Flux<PersonProfile> findAllById(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return template.getDatabaseClient()
			.sql("SELECT * FROM person WHERE id = ANY(:ids)")
			.bind("ids", ids.toArray(UUID[]::new))
			.map((row, meta) -> template.getConverter().read(Person.class, row, meta))
			.all()
			.map(this::decrypt);
	}

	/** The ids of the persons whose employer is this enterprise. */
	public Flux<UUID> idsOfEnterprise(UUID enterpriseId) {
		return template.getDatabaseClient()
			.sql("SELECT id FROM person WHERE enterprise_id = :enterprise")
			.bind("enterprise", enterpriseId)
			.map(row -> row.get(0, UUID.class))
			.all();
	}

	/**
	 * Marks the person ABNORMAL (a fever or symptoms reported, a positive test): every
	 * gate turns it away from now on (within the gate's two-second cache).
	 */
	public Mono<Void> markAbnormal(UUID id) {
		return template.getDatabaseClient()
			.sql("UPDATE person SET health_status = 'ABNORMAL', last_active_at = :now WHERE id = :id")
			.bind("now", clock.instant())
			.bind("id", id)
			.then();
	}

	/**
	 * Registers employees of an enterprise in bulk (a staff sheet): each phone finds its
	 * person or creates one; a person found without an employer, a name or an ID number
	 * gets those given here. In a few statements whatever the count (50,000 rows of a
	 * sheet one by one were three round trips each). A row whose ID number already
	 * belongs to a person with another phone is refused, not merged.
	 * @return for each registration, in order, the person's id or why it was refused
	 */
	public Mono<List<Registered>> registerAll(List<Registration> registrations) {
		if (registrations.isEmpty()) {
			return Mono.just(List.of());
		}
		Map<String, Registration> byPhone = new LinkedHashMap<>();
		for (Registration registration : registrations) {
			String phone = Phone.normalize(registration.phone());
			if (phone == null || registration.idNumber() != null && !IdNumber.isValid(registration.idNumber())) {
				return Mono.error(new IllegalArgumentException("not a valid phone or ID number"));
			}
			byPhone.putIfAbsent(phone, registration);
		}
		Map<String, String> phoneOfHash = new HashMap<>();
		List<String> hashes = new ArrayList<>();
		for (String phone : byPhone.keySet()) {
			for (byte[] hash : hasher.candidates(phone, Column.PERSON_PHONE)) {
				String key = Base64.getEncoder().encodeToString(hash);
				phoneOfHash.put(key, phone);
				hashes.add(key);
			}
		}
		Map<String, String> phoneOfIdHash = new HashMap<>();
		List<String> idHashes = new ArrayList<>();
		byPhone.forEach((phone, registration) -> {
			if (registration.idNumber() != null) {
				for (byte[] hash : hasher.candidates(registration.idNumber(), Column.PERSON_ID_NUMBER)) {
					String key = Base64.getEncoder().encodeToString(hash);
					phoneOfIdHash.put(key, phone);
					idHashes.add(key);
				}
			}
		});
		return existing(hashes, phoneOfHash).zipWith(idOwners(idHashes, phoneOfIdHash))
			.flatMap(found -> insertMissing(byPhone, found.getT1(), found.getT2()).then(existing(hashes, phoneOfHash))
				.flatMap(persons -> fillBlanks(byPhone, persons).thenReturn(persons))
				.map(persons -> registrations.stream().map(registration -> {
					String phone = Phone.normalize(registration.phone());
					UUID owner = found.getT2().get(phone);
					UUID person = persons.get(phone);
					if (person == null || owner != null && !owner.equals(person)) {
						return new Registered(null, "idNumber", false);
					}
					return new Registered(person, null, !found.getT1().containsKey(phone));
				}).toList()));
	}

	/** The person of each phone that exists, by phone. */
	private Mono<Map<String, UUID>> existing(List<String> hashes, Map<String, String> phoneOfHash) {
		return template.getDatabaseClient()
			.sql("""
					SELECT id, encode(phone_hash, 'base64') AS hash FROM person
					WHERE phone_hash = ANY(SELECT decode(h, 'base64') FROM unnest(:hashes::text[]) AS h)
					""")
			.bind("hashes", hashes.toArray(String[]::new))
			.map(row -> Map.entry(phoneOfHash.get(row.get("hash", String.class).replace("\n", "")),
					row.get("id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * For each phone whose ID number is already stored: the person holding that ID
	 * number.
	 */
	private Mono<Map<String, UUID>> idOwners(List<String> idHashes, Map<String, String> phoneOfIdHash) {
		if (idHashes.isEmpty()) {
			return Mono.just(Map.of());
		}
		return template.getDatabaseClient()
			.sql("""
					SELECT id, encode(id_number_hash, 'base64') AS hash FROM person
					WHERE id_number_hash = ANY(SELECT decode(h, 'base64') FROM unnest(:hashes::text[]) AS h)
					""")
			.bind("hashes", idHashes.toArray(String[]::new))
			.map(row -> Map.entry(phoneOfIdHash.get(row.get("hash", String.class).replace("\n", "")),
					row.get("id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Void> insertMissing(Map<String, Registration> byPhone, Map<String, UUID> existing,
			Map<String, UUID> idOwners) {
		// A new phone whose ID number another person holds is refused, not created.
		List<String> phones = byPhone.keySet()
			.stream()
			.filter(phone -> !existing.containsKey(phone) && !idOwners.containsKey(phone))
			.toList();
		if (phones.isEmpty()) {
			return Mono.empty();
		}
		int n = phones.size();
		UUID[] ids = new UUID[n];
		String[] phoneCiphers = new String[n];
		String[] phoneHashes = new String[n];
		String[] idCiphers = new String[n];
		String[] idHashes = new String[n];
		String[] nameCiphers = new String[n];
		UUID[] enterprises = new UUID[n];
		Base64.Encoder base64 = Base64.getEncoder();
		for (int i = 0; i < n; i++) {
			String phone = phones.get(i);
			Registration registration = byPhone.get(phone);
			ids[i] = Ids.newId();
			phoneCiphers[i] = base64.encodeToString(cipher.encrypt(phone, Column.PERSON_PHONE));
			phoneHashes[i] = base64.encodeToString(hasher.hash(phone, Column.PERSON_PHONE));
			boolean idFree = registration.idNumber() != null;
			idCiphers[i] = idFree
					? base64.encodeToString(cipher.encrypt(registration.idNumber(), Column.PERSON_ID_NUMBER)) : null;
			idHashes[i] = idFree ? base64.encodeToString(hasher.hash(registration.idNumber(), Column.PERSON_ID_NUMBER))
					: null;
			nameCiphers[i] = registration.name() == null ? null
					: base64.encodeToString(cipher.encrypt(registration.name(), Column.PERSON_NAME));
			enterprises[i] = registration.enterpriseId();
		}
		Instant now = clock.instant();
		// Ciphertexts as base64 text: the driver has no bytea[] codec. ON CONFLICT: a
		// phone (or ID number) registered meanwhile by another request is left as it is.
		return template.getDatabaseClient()
			.sql("""
					INSERT INTO person (id, phone_cipher, phone_hash, id_number_cipher, id_number_hash, name_cipher,
					                    enterprise_id, health_status, created_at, last_active_at)
					SELECT id, decode(phone_cipher, 'base64'), decode(phone_hash, 'base64'),
					       decode(id_cipher, 'base64'), decode(id_hash, 'base64'), decode(name_cipher, 'base64'),
					       enterprise, 'NORMAL', :now, :now
					FROM unnest(:ids::uuid[], :phoneCiphers::text[], :phoneHashes::text[], :idCiphers::text[],
					            :idHashes::text[], :nameCiphers::text[], :enterprises::uuid[])
					     AS row(id, phone_cipher, phone_hash, id_cipher, id_hash, name_cipher, enterprise)
					ON CONFLICT DO NOTHING
					""")
			.bind("ids", ids)
			.bind("phoneCiphers", phoneCiphers)
			.bind("phoneHashes", phoneHashes)
			.bind("idCiphers", idCiphers)
			.bind("idHashes", idHashes)
			.bind("nameCiphers", nameCiphers)
			.bind("enterprises", enterprises)
			.bind("now", now)
			.then();
	}

	/** Persons found without an employer or a name get the sheet's. */
	private Mono<Void> fillBlanks(Map<String, Registration> byPhone, Map<String, UUID> persons) {
		List<UUID> ids = new ArrayList<>();
		List<UUID> enterprises = new ArrayList<>();
		List<String> names = new ArrayList<>();
		Set<UUID> seen = new HashSet<>();
		persons.forEach((phone, id) -> {
			Registration registration = byPhone.get(phone);
			if (registration != null && seen.add(id)) {
				ids.add(id);
				enterprises.add(registration.enterpriseId());
				names.add(registration.name() == null ? null
						: Base64.getEncoder().encodeToString(cipher.encrypt(registration.name(), Column.PERSON_NAME)));
			}
		});
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return template.getDatabaseClient()
			.sql("""
					UPDATE person p SET enterprise_id = COALESCE(p.enterprise_id, v.enterprise),
					       name_cipher = COALESCE(p.name_cipher, decode(v.name_cipher, 'base64'))
					FROM unnest(:ids::uuid[], :enterprises::uuid[], :names::text[]) AS v(id, enterprise, name_cipher)
					WHERE p.id = v.id AND (p.enterprise_id IS NULL OR p.name_cipher IS NULL)
					""")
			.bind("ids", ids.toArray(UUID[]::new))
			.bind("enterprises", enterprises.toArray(UUID[]::new))
			.bind("names", names.toArray(String[]::new))
			.then();
	}

	/** An employee to register: phone required, the rest may be null. */
	public record Registration(String phone, String idNumber, String name, UUID enterpriseId) {

		@Override
		public String toString() {
			return "Registration[enterpriseId=" + enterpriseId + "]";
		}

	}

	/**
	 * @param personId the person, or null if refused
	 * @param refusedField the field that made the row refused ({@code idNumber}: it
	 * belongs to a person with another phone)
	 * @param created whether the person is new
	 */
	public record Registered(UUID personId, String refusedField, boolean created) {
	}

	private PersonProfile decrypt(Person person) {
		return new PersonProfile(person.id(), cipher.decrypt(person.phoneCipher(), Column.PERSON_PHONE),
				person.idNumberCipher() == null ? null
						: cipher.decrypt(person.idNumberCipher(), Column.PERSON_ID_NUMBER),
				person.nameCipher() == null ? null : cipher.decrypt(person.nameCipher(), Column.PERSON_NAME),
				person.enterpriseId(), person.healthStatus());
	}

}
