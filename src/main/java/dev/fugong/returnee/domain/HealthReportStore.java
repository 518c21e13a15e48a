package dev.fugong.returnee.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.returnee.model.ReportSlot;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Health reports as stored: temperature and symptoms encrypted. */
@Component
class HealthReportStore {

	private final DatabaseClient database;

	private final PersonalDataCipher cipher;

	HealthReportStore(DatabaseClient database, PersonalDataCipher cipher) {
		this.database = database;
		this.cipher = cipher;
	}

	Mono<Void> insert(UUID id, UUID personId, UUID enterpriseId, Instant at, LocalDate date, ReportSlot slot,
			BigDecimal temperature, List<Symptom> symptoms, boolean abnormal) {
		return database.sql("""
				INSERT INTO health_report (id, person_id, enterprise_id, reported_at, slot_date, slot,
				                           temperature_cipher, symptoms_cipher, abnormal)
				VALUES (:id, :person, :enterprise, :at, :date, :slot, :temperature, :symptoms, :abnormal)
				""")
			.bind("id", id)
			.bind("person", personId)
			.bind("enterprise", org.springframework.r2dbc.core.Parameter.fromOrEmpty(enterpriseId, UUID.class))
			.bind("at", at)
			.bind("date", date)
			.bind("slot", slot.name())
			.bind("temperature", cipher.encrypt(temperature.toPlainString(), Column.HEALTH_TEMPERATURE))
			.bind("symptoms",
					cipher.encrypt(String.join(",", symptoms.stream().map(Enum::name).toList()),
							Column.HEALTH_SYMPTOMS))
			.bind("abnormal", abnormal)
			.then();
	}

	/** The person's reports since {@code since}, newest first. */
	Mono<List<ReturneeView.HealthReportView>> ofPerson(UUID personId, Instant since) {
		return database.sql("""
				SELECT id, reported_at, slot, temperature_cipher, symptoms_cipher, abnormal FROM health_report
				WHERE person_id = :person AND reported_at >= :since ORDER BY reported_at DESC LIMIT 200
				""")
			.bind("person", personId)
			.bind("since", since)
			.map(row -> new ReturneeView.HealthReportView(row.get("id", UUID.class),
					row.get("reported_at", Instant.class), row.get("slot", String.class),
					new BigDecimal(
							cipher.decrypt(row.get("temperature_cipher", byte[].class), Column.HEALTH_TEMPERATURE)),
					symptoms(row.get("symptoms_cipher", byte[].class)),
					Boolean.TRUE.equals(row.get("abnormal", Boolean.class))))
			.all()
			.collectList();
	}

	/** Which of these persons reported in that slot. */
	Mono<Set<UUID>> reporters(Collection<UUID> persons, LocalDate date, ReportSlot slot) {
		return database.sql("""
				SELECT DISTINCT person_id FROM health_report
				WHERE slot_date = :date AND slot = :slot AND person_id = ANY(:persons)
				""")
			.bind("date", date)
			.bind("slot", slot.name())
			.bind("persons", persons.toArray(UUID[]::new))
			.map(row -> row.get(0, UUID.class))
			.all()
			.collect(java.util.stream.Collectors.toSet());
	}

	private List<String> symptoms(byte[] stored) {
		if (stored == null) {
			return List.of();
		}
		String plain = cipher.decrypt(stored, Column.HEALTH_SYMPTOMS);
		return plain.isEmpty() ? List.of() : Arrays.asList(plain.split(","));
	}

}
