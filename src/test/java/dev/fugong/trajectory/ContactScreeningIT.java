package dev.fugong.trajectory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.person.PersonService;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Contact screening of one person and of an enterprise's returnees (issue 12). */
@IntegrationTest
class ContactScreeningIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	PersonService persons;

	@Autowired
	DatabaseClient database;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void findsWhoScannedTenMinutesAfterAtTheSameGateButNotTwoHoursLater() {
		UUID gate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "北门 " + suffix(), false);
		UUID otherGate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "侧门 " + suffix(), false);
		Instant at = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		String subjectPhone = Requests.phone("139");
		String nearPhone = Requests.phone("139");
		UUID subject = person(subjectPhone);
		UUID near = person(nearPhone);
		UUID late = person(Requests.phone("139"));
		UUID elsewhere = person(Requests.phone("139"));
		scanAt(subject, gate, Demo.RUIRUN, at);
		scanAt(near, gate, Demo.RUIRUN, at.plus(Duration.ofMinutes(10)));
		scanAt(late, gate, Demo.RUIRUN, at.plus(Duration.ofHours(2)));
		scanAt(elsewhere, otherGate, Demo.RUIRUN, at.plus(Duration.ofMinutes(5)));

		Map<String, Object> screening = web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official()))
			.bodyValue(Map.of("phone", subjectPhone, "days", 2, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(screening).containsEntry("state", "DONE");
		List<Map<String, Object>> contacts = (List<Map<String, Object>>) screening.get("contacts");
		assertThat(contacts).extracting(contact -> contact.get("maskedPhone"))
			.containsExactly(Masking.phone(nearPhone));
		List<Map<String, Object>> shared = (List<Map<String, Object>>) contacts.get(0).get("sharedVisits");
		assertThat(shared).hasSize(1);
		assertThat(shared.get(0)).containsEntry("placeId", gate.toString())
			.containsEntry("at", at.plus(Duration.ofMinutes(10)).toString());
		assertThat(contacts.get(0)).doesNotContainKey("personId");
		assertThat(screening.toString()).doesNotContain(nearPhone);

		// The subject sees the screening among its lookups' audit rows.
		long audited = database
			.sql("SELECT count(*) FROM audit_event WHERE type = 'CONTACTS_SCREENED' AND subject_type = 'person' "
					+ "AND subject_id = :s")
			.bind("s", subject.toString())
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void onlyOfficialsScreenAndTheRefusalIsAudited() {
		UUID manager = UUID.randomUUID();
		web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(tokens.console(manager, Role.ENTERPRISE_MANAGER, Demo.RUIRUN, null)))
			.bodyValue(Map.of("phone", Requests.phone("139"), "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isForbidden();
		long refused = database
			.sql("SELECT count(*) FROM audit_event WHERE actor_id = :a AND details->>'outcome' = 'REFUSED'")
			.bind("a", manager)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(refused).isEqualTo(1);
		web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(tokens.townOfficial()))
			.bodyValue(Map.of("enterpriseId", Demo.RUIRUN, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isIn(403, 404));
		web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official()))
			.bodyValue(Map.of("phone", Requests.phone("139"), "enterpriseId", Demo.RUIRUN, "purpose",
					"CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void oneClickScreensEveryReturneeOfAnEnterpriseFollowedByEventsAndExported() {
		String official = official();
		UUID enterprise = UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Fixtures.enterprise(Demo.PARK_GRID))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
		String manager = tokens.managerOf(enterprise);
		UUID gate = Requests.createPlace(web, manager, enterprise, "大门", false);
		Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
		String contactPhone = Requests.phone("139");
		UUID contact = person(contactPhone);
		for (int i = 0; i < 3; i++) {
			String phone = Requests.phone("139");
			register(manager, enterprise, phone);
			scanAt(persons.findByPhone(phone).block().id(), gate, enterprise, at.plus(Duration.ofHours(i * 3L)));
		}
		scanAt(contact, gate, enterprise, at.plus(Duration.ofMinutes(15)));

		UUID id = UUID.fromString((String) web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(
					Map.of("enterpriseId", enterprise, "days", 3, "windowMinutes", 30, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("screeningId"));

		List<ServerSentEvent<Map<String, Object>>> events = web.get()
			.uri("/api/v1/contact-screenings/{id}/events", id)
			.headers(h -> h.setBearerAuth(official))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.take(Duration.ofSeconds(30))
			.collectList()
			.block();
		Map<String, Object> last = events.get(events.size() - 1).data();
		assertThat(last).containsEntry("state", "DONE");
		assertThat((Map<String, Object>) last.get("progress")).containsEntry("done", 3).containsEntry("total", 3);

		web.get()
			.uri("/api/v1/contact-screenings/{id}", id)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.contacts[*].maskedPhone")
			.value(phones -> assertThat((List<String>) phones).containsExactly(Masking.phone(contactPhone)));
		String csv = web.get()
			.uri("/api/v1/contact-screenings/{id}/export?format=csv", id)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(csv).contains(Masking.phone(contactPhone), "大门").doesNotContain(contactPhone);
		web.get()
			.uri("/api/v1/contact-screenings/{id}/export?format=xlsx", id)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk();
		// Another official does not see it.
		web.get()
			.uri("/api/v1/contact-screenings/{id}", id)
			.headers(h -> h.setBearerAuth(official()))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private void register(String manager, UUID enterprise, String phone) {
		Map<String, Object> body = new HashMap<>();
		body.put("phone", phone);
		body.put("name", "李四");
		body.put("enterpriseId", enterprise);
		body.put("originRegion", "440300");
		body.put("departedAt", Instant.now().minus(Duration.ofDays(2)).toString());
		body.put("arrivedAt", Instant.now().minus(Duration.ofDays(1)).toString());
		body.put("transport", "TRAIN");
		body.put("travel", List.of());
		web.post()
			.uri("/api/v1/returnees")
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private UUID person(String phone) {
		return persons.findOrRegister(phone, null, "王五", null).block().id();
	}

	private void scanAt(UUID person, UUID place, UUID enterprise, Instant at) {
		database.sql("""
				INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
				    admitted, reasons, pass_color, fever)
				VALUES (:id, :at, :person, :place, :enterprise, :client, 'PLACE_CODE', true, '', 'GREEN', false)
				""")
			.bind("id", UUID.randomUUID())
			.bind("at", at)
			.bind("person", person)
			.bind("place", place)
			.bind("enterprise", enterprise)
			.bind("client", "c-" + UUID.randomUUID())
			.then()
			.block();
	}

	private String official() {
		return tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK);
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 4);
	}

}
