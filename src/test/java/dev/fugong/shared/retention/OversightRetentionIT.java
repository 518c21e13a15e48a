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

import dev.fugong.complaint.domain.ComplaintProperties;
import dev.fugong.filing.domain.FilingProperties;
import dev.fugong.inspection.domain.InspectionProperties;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oversight records that hold personal data are purged on a fixed clock: filing
 * files, inspection photos and complaints one minute past their retention go, one minute
 * inside stay.
 */
@IntegrationTest
class OversightRetentionIT {

	static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	/**
	 * A filing's materials as the service stores them (other tests list these filings).
	 */
	static final String MATERIALS = """
			{"commitment":true,"preventionGroup":true,"staff":{"planned":1,"local":1,"outOfTown":0,"fromKeyRegions":0},
			"supplies":{"masks":20,"disinfectantLitres":1,"thermometers":1},"isolationRoom":false,"preventionPlan":"p",
			"emergencyPlan":"e","fiveOnes":{"responsibilityLetter":true,"healthInfoForm":true,"emergencyPlan":true,
			"emergencyTeam":true,"managementMechanism":true}}
			""";

	@Autowired
	List<Purge> purges;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactions;

	@Autowired
	MeterRegistry meters;

	@Autowired
	FilingProperties filings;

	@Autowired
	InspectionProperties inspections;

	@Autowired
	ComplaintProperties complaints;

	@Test
	void filesPhotosAndComplaintsGoOneMinutePastTheirRetentionAndStayOneMinuteInside() {
		UUID filing = filing();
		UUID keptFile = filingFile(filing, NOW.minus(filings.fileRetention()).plus(Duration.ofMinutes(1)));
		UUID goneFile = filingFile(filing, NOW.minus(filings.fileRetention()).minus(Duration.ofMinutes(1)));
		UUID keptPhoto = inspectionWithPhoto(NOW.minus(inspections.photoRetention()).plus(Duration.ofMinutes(1)));
		UUID gonePhoto = inspectionWithPhoto(NOW.minus(inspections.photoRetention()).minus(Duration.ofMinutes(1)));
		UUID keptComplaint = complaint(NOW.minus(complaints.retention()).plus(Duration.ofMinutes(1)));
		UUID goneComplaint = complaint(NOW.minus(complaints.retention()).minus(Duration.ofMinutes(1)));

		List<RetentionJob.Purged> ran = new RetentionJob(purges, database, transactions, meters,
				Clock.fixed(NOW, ZoneOffset.UTC))
			.run()
			.block(Duration.ofSeconds(30));

		assertThat(ran).extracting(RetentionJob.Purged::name).contains("filing_file", "inspection_photo", "complaint");
		assertThat(count("SELECT count(*) FROM filing_file WHERE id = :id", keptFile)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM filing_file WHERE id = :id", goneFile)).isZero();
		assertThat(count("SELECT count(*) FROM inspection_photo WHERE inspection_id = :id", keptPhoto)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM inspection_photo WHERE inspection_id = :id", gonePhoto)).isZero();
		// The inspection's own record stays.
		assertThat(count("SELECT count(*) FROM inspection WHERE id = :id", gonePhoto)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM complaint WHERE id = :id", keptComplaint)).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM complaint WHERE id = :id", goneComplaint)).isZero();
	}

	private UUID filing() {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO filing (id, enterprise_id, mode, state, materials, submitted_by, submitted_at, updated_at)
				VALUES (:id, :e, 'APPROVAL', 'RETURNED', :materials::jsonb, :u, now(), now())
				""")
			.bind("id", id)
			.bind("e", Demo.TIANYOU)
			.bind("materials", MATERIALS)
			.bind("u", Demo.MANAGER_USER)
			.then()
			.block();
		return id;
	}

	private UUID filingFile(UUID filing, Instant uploadedAt) {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO filing_file (id, filing_id, kind, name, content_type, size, sha256, content, uploaded_by,
				    uploaded_at)
				VALUES (:id, :f, 'OTHER', 'a.pdf', 'application/pdf', 1, :sha, :content, :u, :at)
				""")
			.bind("id", id)
			.bind("f", filing)
			.bind("sha", new byte[32])
			.bind("content", new byte[] { 1 })
			.bind("u", Demo.MANAGER_USER)
			.bind("at", uploadedAt)
			.then()
			.block();
		return id;
	}

	private UUID inspectionWithPhoto(Instant uploadedAt) {
		UUID id = UUID.randomUUID();
		database.sql("""
				INSERT INTO inspection (id, enterprise_id, kind, passed, inspector_id, inspected_at, created_at)
				VALUES (:id, :e, 'ROUTINE', true, :u, now(), now())
				""").bind("id", id).bind("e", Demo.TIANYOU).bind("u", Demo.OFFICIAL_USER).then().block();
		database.sql("INSERT INTO inspection_item (inspection_id, item, passed) VALUES (:id, 'PUBLICITY', true)")
			.bind("id", id)
			.then()
			.block();
		database
			.sql("""
					INSERT INTO inspection_photo (inspection_id, item, content_type, size, content, uploaded_by, uploaded_at)
					VALUES (:id, 'PUBLICITY', 'image/png', 1, :content, :u, :at)
					""")
			.bind("id", id)
			.bind("content", new byte[] { 1 })
			.bind("u", Demo.OFFICIAL_USER)
			.bind("at", uploadedAt)
			.then()
			.block();
		return id;
	}

	private UUID complaint(Instant createdAt) {
		UUID id = UUID.randomUUID();
		byte[] hash = new byte[32];
		java.util.concurrent.ThreadLocalRandom.current().nextBytes(hash);
		database.sql("""
				INSERT INTO complaint (id, enterprise_id, category, text_cipher, receipt_hash, status, created_at,
				    updated_at)
				VALUES (:id, :e, 'OTHER', :text, :hash, 'RECEIVED', :at, :at)
				""")
			.bind("id", id)
			.bind("e", Demo.TIANYOU)
			.bind("text", new byte[] { 1 })
			.bind("hash", hash)
			.bind("at", createdAt)
			.then()
			.block();
		return id;
	}

	private long count(String sql, UUID id) {
		return database.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
	}

}
