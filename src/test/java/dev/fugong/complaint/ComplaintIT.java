package dev.fugong.complaint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 监督举报 over HTTP: anonymous reports with a receipt, limits per address and device, the
 * contact encrypted and read only on purpose, and triage: verify, dismiss with a reason,
 * or an inspection that resolves it.
 */
@IntegrationTest
// Each test reports from its own address (X-Forwarded-For), as behind the ingress. Main's
// issue 19 honours forwarded headers only from fugong.http.trusted-proxies; on this
// branch
// the property is unknown and forwarded headers are always honoured.
@TestPropertySource(properties = "fugong.http.trusted-proxies=127.0.0.1/32,::1/128")
class ComplaintIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	UUID enterprise;

	/** Each test reports from its own address, so the per-address limit is its own. */
	String address;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		enterprise = OversightFixture.enterprise(web, tokens.official(), Demo.PARK_GRID);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	@Test
	void anyoneReportsWithoutSigningInAndFollowsItByReceipt() {
		String receipt = receipt(report(null, null, Map.of("contact", "13912345678")));
		assertThat(receipt).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
		status(receipt).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RECEIVED");
		// Typed in lower case, without dashes: the same receipt.
		status(receipt.replace("-", "").toLowerCase()).expectStatus().isOk();
		status("0000-0000-0000-0000").expectStatus().isNotFound();
		status("not-a-receipt").expectStatus().isNotFound();

		// Nothing in clear at rest, and no reporter.
		Map<String, Object> row = database
			.sql("SELECT text_cipher, contact_cipher FROM complaint WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(r -> Map.<String, Object>of("text", r.get("text_cipher", byte[].class), "contact",
					r.get("contact_cipher", byte[].class)))
			.one()
			.block();
		assertThat(new String((byte[]) row.get("text"), StandardCharsets.ISO_8859_1)).doesNotContain("口罩");
		assertThat(new String((byte[]) row.get("contact"), StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");

		// The official lists it without its text, reads it (audited) with the contact
		// masked, and asks for the contact on purpose (audited).
		String official = tokens.official();
		Map<String, Object> listed = web.get()
			.uri("/api/v1/complaints?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		Map<String, Object> item = ((java.util.List<Map<String, Object>>) listed.get("items")).get(0);
		assertThat(item).doesNotContainKey("text").containsEntry("status", "RECEIVED");
		web.get()
			.uri("/api/v1/complaints/{id}", item.get("id"))
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.text")
			.isEqualTo("车间不戴口罩")
			.jsonPath("$.contactMasked")
			.isEqualTo("139****5678");
		web.get()
			.uri("/api/v1/complaint-contacts/{id}", item.get("id"))
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.contact")
			.isEqualTo("13912345678");
		Long audited = database
			.sql("SELECT count(*) FROM audit_event WHERE subject_id = :id AND type IN ('COMPLAINT_READ', "
					+ "'COMPLAINT_CONTACT_READ')")
			.bind("id", item.get("id"))
			.map(r -> r.get(0, Long.class))
			.one()
			.block();
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void aSignedInReporterStaysAnonymousToo() {
		String employee = WeChatSignIn.miniProgramToken(web, "wx-reporter-" + UUID.randomUUID());
		receipt(report(employee, "device-" + UUID.randomUUID(), Map.of()));
		Long rows = database.sql("SELECT count(*) FROM complaint WHERE enterprise_id = :e")
			.bind("e", enterprise)
			.map(r -> r.get(0, Long.class))
			.one()
			.block();
		assertThat(rows).isEqualTo(1);
		// The table has no column for a reporter at all.
		Long reporterColumns = database
			.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'complaint' "
					+ "AND column_name IN ('reporter_id', 'user_id', 'created_by')")
			.map(r -> r.get(0, Long.class))
			.one()
			.block();
		assertThat(reporterColumns).isZero();
	}

	@Test
	void reportsAreLimitedPerDeviceAndPerAddress() {
		String device = "device-" + UUID.randomUUID();
		for (int i = 0; i < 5; i++) {
			report(null, device, Map.of()).expectStatus().isCreated();
		}
		report(null, device, Map.of()).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("rate_limited");
		// Another device at the same address still may, until the address's limit.
		for (int i = 0; i < 14; i++) {
			report(null, "device-" + UUID.randomUUID(), Map.of()).expectStatus().isCreated();
		}
		report(null, "device-" + UUID.randomUUID(), Map.of()).expectStatus().isEqualTo(429);
		report(null, null, Map.of()).expectStatus().isEqualTo(429);
		// A malformed device id is a 400.
		address = "10.250.0." + ThreadLocalRandom.current().nextInt(1, 255);
		report(null, "bad id!", Map.of()).expectStatus().isBadRequest();
	}

	@Test
	void badReportsAreNamedFieldErrors() {
		report(null, null, Map.of("contact", "12345")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("contact");
		report(null, null, Map.of("enterpriseId", UUID.randomUUID().toString())).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("enterpriseId");
		report(null, null, Map.of("category", "GOSSIP")).expectStatus().isBadRequest();
		report(null, null, Map.of("text", " ")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("text");
	}

	@Test
	void triageVerifiesDismissesOrInspectsAndRefusesTheRest() {
		String official = tokens.official();
		UUID dismissed = idOf(report(null, null, Map.of()));
		triage(official, dismissed, "DISMISSED", null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reason");
		triage(official, dismissed, "DISMISSED", "查无此事").expectStatus().isOk();
		for (String status : new String[] { "RECEIVED", "VERIFIED", "INSPECTING", "RESOLVED", "DISMISSED" }) {
			triage(official, dismissed, status, "again").expectStatus()
				.isEqualTo(409)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("invalid_transition");
		}

		UUID verified = idOf(report(null, null, Map.of()));
		triage(official, verified, "RESOLVED", "x").expectStatus().isEqualTo(409);
		triage(official, verified, "VERIFIED", null).expectStatus().isOk();
		triage(official, verified, "DISMISSED", "x").expectStatus().isEqualTo(409);
		triage(official, verified, "RESOLVED", "已督促整改").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("RESOLVED");

		// Opened as an inspection; the inspection's record resolves it, and the reporter
		// sees so.
		String receipt = receipt(report(null, null, Map.of()));
		UUID inspected = latest();
		triage(official, inspected, "INSPECTING", null).expectStatus().isOk();
		triage(official, inspected, "RESOLVED", "x").expectStatus().isEqualTo(409);
		Map<String, Object> body = new HashMap<>(Map.of("enterpriseId", enterprise.toString(), "kind", "COMPLAINT",
				"complaintId", inspected.toString(), "items", OversightFixture.checklist(Set.of("MASKS_ON_LINE"))));
		web.post()
			.uri("/api/v1/inspections")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated();
		status(receipt).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RESOLVED");
		web.get()
			.uri("/api/v1/complaints/{id}", inspected)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectBody()
			.jsonPath("$.inspectionId")
			.isNotEmpty();
		// A closed complaint takes no second inspection.
		web.post()
			.uri("/api/v1/inspections")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("complaintId");
	}

	private WebTestClient.ResponseSpec report(String token, String device, Map<String, Object> overrides) {
		Map<String, Object> body = new HashMap<>(
				Map.of("enterpriseId", enterprise.toString(), "category", "MASKS", "text", "车间不戴口罩"));
		body.putAll(overrides);
		return web.post().uri("/api/v1/complaints").headers(h -> {
			h.set("X-Forwarded-For", address);
			if (token != null) {
				h.setBearerAuth(token);
			}
			if (device != null) {
				h.set("X-Device-Id", device);
			}
		}).bodyValue(body).exchange();
	}

	private static String receipt(WebTestClient.ResponseSpec response) {
		return (String) response.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("receipt");
	}

	private UUID idOf(WebTestClient.ResponseSpec response) {
		receipt(response);
		return latest();
	}

	private UUID latest() {
		return database
			.sql("SELECT id FROM complaint WHERE enterprise_id = :e ORDER BY created_at DESC, id DESC LIMIT 1")
			.bind("e", enterprise)
			.map(r -> r.get(0, UUID.class))
			.one()
			.block();
	}

	private WebTestClient.ResponseSpec status(String receipt) {
		return web.get().uri("/api/v1/complaints/receipts/{r}", receipt).header("X-Forwarded-For", address).exchange();
	}

	private WebTestClient.ResponseSpec triage(String token, UUID id, String status, String reason) {
		Map<String, Object> body = new HashMap<>(Map.of("status", status));
		if (reason != null) {
			body.put("reason", reason);
		}
		return web.patch()
			.uri("/api/v1/complaints/{id}", id)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

}
