package dev.fugong.filing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 复工备案 over HTTP: the approval path and its refusals, returning, notify-only mode, and
 * uploads (limits, type by content, a renamed executable, a zip bomb, served only as an
 * attachment).
 */
@IntegrationTest
class FilingIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	UUID enterprise;

	String manager;

	@BeforeEach
	void setUp() {
		// A first request right after the shared context starts, on a busy two-core box,
		// can take longer than WebTestClient's default 5 s.
		web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		enterprise = OversightFixture.enterprise(web, tokens.official(), Demo.PARK_GRID);
		manager = tokens.managerOf(enterprise);
	}

	@Test
	void reviewInspectApproveGivesABluePlateAndOtherOrdersAreRefused() {
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		String official = tokens.official();
		assertThat(filing).containsEntry("state", "SUBMITTED").containsEntry("mode", "APPROVAL");
		assertThat((List<?>) filing.get("guidance")).isNotEmpty();

		// Out of order: 409, nothing changes.
		OversightFixture.step(web, official, filing.get("id"), "approve", null)
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("invalid_transition");
		OversightFixture.step(web, official, filing.get("id"), "inspect", null).expectStatus().isEqualTo(409);
		OversightFixture.step(web, official, filing.get("id"), "review", "材料齐全").expectStatus().isOk();
		OversightFixture.step(web, official, filing.get("id"), "review", null).expectStatus().isEqualTo(409);
		OversightFixture.step(web, official, filing.get("id"), "approve", null).expectStatus().isEqualTo(409);
		OversightFixture.step(web, official, filing.get("id"), "inspect", "现场符合要求").expectStatus().isOk();
		// Approval needs the commitment letter on file.
		OversightFixture.step(web, official, filing.get("id"), "approve", null)
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("materials_missing");
		uploadPdf(filing).expectStatus().isCreated();
		// The manager does not step its own filing.
		OversightFixture.step(web, manager, filing.get("id"), "approve", null).expectStatus().isForbidden();
		Map<String, Object> approved = OversightFixture.step(web, official, filing.get("id"), "approve", "同意复工")
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(approved).containsEntry("state", "APPROVED");
		assertThat((List<Map<String, Object>>) approved.get("steps")).extracting(step -> step.get("action"))
			.containsExactly("SUBMIT", "REVIEW", "INSPECT", "APPROVE");
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "BLUE")
			.containsEntry("status", "OPERATING");
		for (String action : List.of("review", "inspect", "approve", "return")) {
			OversightFixture.step(web, official, filing.get("id"), action, "again").expectStatus().isEqualTo(409);
		}
		// Filed: no second filing.
		web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(OversightFixture.filing())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("already_filed");
	}

	@Test
	void aReturnedFilingSaysWhyAndTheManagerFilesAgain() {
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		String official = tokens.official();
		web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(OversightFixture.filing())
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("filing_open");
		OversightFixture.step(web, official, filing.get("id"), "return", null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("note");
		OversightFixture.step(web, official, filing.get("id"), "review", null).expectStatus().isOk();
		OversightFixture.step(web, official, filing.get("id"), "return", "口罩储备不足")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("RETURNED")
			.jsonPath("$.steps[2].note")
			.isEqualTo("口罩储备不足");
		uploadPdf(filing).expectStatus().isEqualTo(409);
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("status", "PREPARING")
			.doesNotContainKey("plate");
		assertThat(OversightFixture.file(web, manager, enterprise)).containsEntry("state", "SUBMITTED");
	}

	@Test
	void withoutThePledgesOrTheFiveOnesThereIsNoFiling() {
		Map<String, Object> body = OversightFixture.filing();
		body.put("commitment", false);
		web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("commitment");
		body = OversightFixture.filing();
		body.put("fiveOnes", Map.of("responsibilityLetter", true, "healthInfoForm", true, "emergencyPlan", true,
				"emergencyTeam", false, "managementMechanism", true));
		web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("fiveOnes.emergencyTeam");
		// An official does not file for an enterprise.
		web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(OversightFixture.filing())
			.exchange()
			.expectStatus()
			.isForbidden();
		web.get()
			.uri("/api/v1/enterprises/{id}/filings", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void inNotifyOnlyModeAFilingIsFiledAndTheEnterpriseResumesAtOnceWithGuidance() {
		String admin = tokens.admin();
		web.put()
			.uri("/api/v1/filing-mode")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Map.of("mode", "NOTIFY_ONLY", "reason", "x"))
			.exchange()
			.expectStatus()
			.isForbidden();
		setMode(admin, "NOTIFY_ONLY");
		try {
			web.get()
				.uri("/api/v1/filing-mode")
				.headers(h -> h.setBearerAuth(manager))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.mode")
				.isEqualTo("NOTIFY_ONLY");
			Map<String, Object> body = OversightFixture.filing();
			body.put("supplies", Map.of("masks", 10, "disinfectantLitres", 0, "thermometers", 0));
			Map<String, Object> filing = web.post()
				.uri("/api/v1/enterprises/{id}/filings", enterprise)
				.headers(h -> h.setBearerAuth(manager))
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(filing).containsEntry("state", "FILED").containsEntry("mode", "NOTIFY_ONLY");
			assertThat((List<Map<String, Object>>) filing.get("guidance")).extracting(advice -> advice.get("code"))
				.contains("MASKS_SHORT", "THERMOMETERS_MISSING", "DISINFECTANT_MISSING");
			assertThat(OversightFixture.enterpriseOf(web, tokens.official(), enterprise))
				.containsEntry("status", "OPERATING")
				.doesNotContainKey("plate");
			// No approval steps in this mode; materials may still be added.
			OversightFixture.step(web, tokens.official(), filing.get("id"), "review", null)
				.expectStatus()
				.isEqualTo(409);
			uploadPdf(filing).expectStatus().isCreated();
		}
		finally {
			setMode(admin, "APPROVAL");
		}
		// Back to approval: the next enterprise waits again.
		UUID next = OversightFixture.enterprise(web, tokens.official(), Demo.PARK_GRID);
		assertThat(OversightFixture.file(web, tokens.managerOf(next), next)).containsEntry("state", "SUBMITTED");
	}

	@Test
	void aFileIsServedOnlyAsADownloadOfTheTypeItsBytesShow() {
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		// A PDF named like an executable, declared as HTML: its bytes decide.
		Map<String, Object> stored = OversightFixture
			.upload(web, manager, filing.get("id"), "OTHER", "plan.exe", OversightFixture.PDF, MediaType.TEXT_HTML)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(stored).containsEntry("contentType", "application/pdf")
			.containsEntry("kind", "OTHER")
			.containsEntry("size", OversightFixture.PDF.length);

		byte[] served = web.get()
			.uri("/api/v1/filings/{f}/files/{id}", filing.get("id"), stored.get("id"))
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.value(HttpHeaders.CONTENT_DISPOSITION,
					value -> assertThat(value).startsWith("attachment;").contains("plan.exe.pdf"))
			.expectHeader()
			.value("Content-Security-Policy", value -> assertThat(value).contains("sandbox"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(served).isEqualTo(OversightFixture.PDF);
		// Stored encrypted: the PDF's bytes are not in the table.
		byte[] atRest = database.sql("SELECT content FROM filing_file WHERE id = :id")
			.bind("id", UUID.fromString((String) stored.get("id")))
			.map(row -> row.get(0, byte[].class))
			.one()
			.block();
		assertThat(new String(atRest, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
	}

	@Test
	void uploadsAreLimitedAndTypedByContent() {
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		Object id = filing.get("id");

		// Oversized: one byte over 10 MB.
		byte[] big = new byte[10 * 1024 * 1024 + 1];
		System.arraycopy(OversightFixture.PDF, 0, big, 0, OversightFixture.PDF.length);
		OversightFixture.upload(web, manager, id, "OTHER", "big.pdf", big, MediaType.APPLICATION_PDF)
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("payload_too_large");
		// Wrong type by content: a page named .pdf.
		OversightFixture
			.upload(web, manager, id, "OTHER", "report.pdf",
					"<html><body onload=alert(1)>hi</body></html>".getBytes(StandardCharsets.UTF_8),
					MediaType.APPLICATION_PDF)
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unsupported_file_type");
		// A renamed executable.
		OversightFixture
			.upload(web, manager, id, "FILING_FORM", "报备表.pdf", OversightFixture.EXE, MediaType.APPLICATION_PDF)
			.expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unsupported_file_type");
		// A zip bomb dressed as a spreadsheet.
		OversightFixture
			.upload(web, manager, id, "STAFF_SCREENING", "摸排表.xlsx",
					OversightFixture.xlsxWith("xl/worksheets/sheet1.xml", 200L << 20),
					MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("archive_refused");
		// A real spreadsheet and a Word document pass; an unknown kind or no file is a
		// 400.
		OversightFixture
			.upload(web, manager, id, "STAFF_SCREENING", "摸排表.xlsx",
					OversightFixture.xlsxWith("xl/worksheets/sheet1.xml", 2000), MediaType.APPLICATION_OCTET_STREAM)
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.contentType")
			.isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		OversightFixture
			.upload(web, manager, id, "PREVENTION_PLAN", "方案.docx", OversightFixture.docx(),
					MediaType.APPLICATION_OCTET_STREAM)
			.expectStatus()
			.isCreated();
		OversightFixture.upload(web, manager, id, "SELFIE", "a.pdf", OversightFixture.PDF, MediaType.APPLICATION_PDF)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("kind");
		// Only what passed is on file.
		Long files = database.sql("SELECT count(*) FROM filing_file WHERE filing_id = :id")
			.bind("id", UUID.fromString((String) id))
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(files).isEqualTo(2);
	}

	@Test
	void aFilingTakesAtMostTwentyFiles() {
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		for (int i = 0; i < 20; i++) {
			uploadPdf(filing).expectStatus().isCreated();
		}
		uploadPdf(filing).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("too_many_files");
	}

	private WebTestClient.ResponseSpec uploadPdf(Map<String, Object> filing) {
		return OversightFixture.upload(web, manager, filing.get("id"), "COMMITMENT_LETTER", "承诺书.pdf",
				OversightFixture.PDF, MediaType.APPLICATION_PDF);
	}

	private void setMode(String admin, String mode) {
		web.put()
			.uri("/api/v1/filing-mode")
			.headers(h -> h.setBearerAuth(admin))
			.bodyValue(Map.of("mode", mode, "reason", "测试切换"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.mode")
			.isEqualTo(mode);
	}

}
