package dev.fugong.shared.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.fugong.ledger.domain.LedgerProperties;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Disinfection rounds name who did them: on a fixed clock, one a minute past its
 * retention goes and one a minute inside stays.
 */
@IntegrationTest
class LedgerRetentionIT {

	@Autowired
	List<Purge> purges;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	LedgerProperties properties;

	@Autowired
	PersonalDataCipher cipher;

	@Test
	void roundsGoOneMinutePastTheirRetentionAndStayOneMinuteInside() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		UUID kept = round(now.minus(properties.disinfectionRetention()).plus(Duration.ofMinutes(1)));
		UUID gone = round(now.minus(properties.disinfectionRetention()).minus(Duration.ofMinutes(1)));

		List<RetentionJob.Purged> ran = new RetentionJob(purges, database, transactions, meters,
				Clock.fixed(now, ZoneOffset.UTC))
			.run()
			.block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).contains("disinfection");
		assertThat(count(kept)).isEqualTo(1);
		assertThat(count(gone)).isZero();
	}

	private UUID round(Instant at) {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO disinfection (id, enterprise_id, kind, area, at, by_cipher, recorded_by, recorded_at)
				VALUES (:id, :e, 'DISINFECTION', '车间', :at, :by, :u, :at)
				""")
			.bind("id", id)
			.bind("e", Demo.TIANYOU)
			.bind("at", at)
			.bind("by", cipher.encrypt("张三", Column.DISINFECTION_BY))
			.bind("u", Demo.MANAGER_USER)
			.then()
			.block();
		return id;
	}

	private long count(UUID id) {
		return database.sql("SELECT count(*) FROM disinfection WHERE id = :id")
			.bind("id", id)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
