package dev.fugong.trajectory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.person.PersonService;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warning the contacts of a confirmed case (issue 20): each contact gets one WeChat
 * message, however often the official clicks, naming nothing of the case; each warning
 * and its delivery are recorded and audited; a person not confirmed positive is refused;
 * another official's screening is not found.
 */
@IntegrationTest
class ContactWarningIT {

	private static final String TEMPLATE = "local-contact-warning";

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
	void aWarningReachesEachContactOnceNeverNamesTheCaseAndIsAudited() {
		UUID gate = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "警示门 " + suffix(), false);
		Instant at = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		String casePhone = Requests.phone("139");
		Map<String, Object> returnee = ReturneeFixture.registered(web, tokens.manager(), ReturneeFixture
			.body(Demo.RUIRUN, casePhone, "420102", at.minus(Duration.ofDays(3)), at.minus(Duration.ofDays(2)), null));
		UUID caseId = persons.findByPhone(casePhone).block().id();
		// Two contacts with the mini-program, one of them subscribed to warnings; one
		// without an account.
		String subscribed = "wx-" + UUID.randomUUID();
		UUID first = contactWithAccount(subscribed);
		web.post()
			.uri("/__fake/wechat/subscriptions")
			.bodyValue(Map.of("openid", subscribed, "templateId", TEMPLATE, "count", 5))
			.exchange()
			.expectStatus()
			.isOk();
		String unsubscribed = "wx-" + UUID.randomUUID();
		UUID second = contactWithAccount(unsubscribed);
		UUID third = persons.findOrRegister(Requests.phone("139"), null, "赵六", null).block().id();
		scanAt(caseId, gate, at);
		scanAt(first, gate, at.plus(Duration.ofMinutes(5)));
		scanAt(second, gate, at.plus(Duration.ofMinutes(10)));
		scanAt(third, gate, at.plus(Duration.ofMinutes(15)));

		String official = tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK);
		String screening = screen(official, casePhone);
		// Not confirmed yet: refused, and nobody is warned.
		warn(official, screening).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("case_not_confirmed");
		assertThat(messages(subscribed)).isEmpty();

		ReturneeFixture.addTest(web, tokens.manager(), returnee.get("id"), "POSITIVE");
		// Another official (another zone) cannot use this screening.
		warn(tokens.townOfficial(), screening).expectStatus().isNotFound();
		warn(tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK), screening).expectStatus().isNotFound();
		assertThat(answer(warn(official, screening))).containsEntry("warned", 3).containsEntry("alreadyWarned", 0);
		// Clicked again, and the screening made again: nobody is warned twice.
		assertThat(answer(warn(official, screening))).containsEntry("warned", 0).containsEntry("alreadyWarned", 3);
		assertThat(answer(warn(official, screen(official, casePhone)))).containsEntry("warned", 0)
			.containsEntry("alreadyWarned", 3);

		List<Map<String, Object>> received = messages(subscribed);
		assertThat(received).hasSize(1);
		Map<String, Object> message = received.get(0);
		assertThat(message).containsEntry("template_id", TEMPLATE);
		Map<String, Map<String, String>> data = (Map<String, Map<String, String>>) message.get("data");
		assertThat(data.get("thing2").get("value")).contains("居家").contains("健康打卡");
		// Nothing of the case: not its name, phone or any part of it, not the gate.
		String everything = message.toString();
		assertThat(everything).doesNotContain("张三丰")
			.doesNotContain("张")
			.doesNotContain(casePhone)
			.doesNotContain(casePhone.substring(7))
			.doesNotContain("警示门")
			.doesNotContain("瑞润");
		assertThat(messages(unsubscribed)).isEmpty();

		assertThat(deliveries(caseId)).containsEntry(first.toString(), "SENT")
			.containsEntry(second.toString(), "REFUSED")
			.containsEntry(third.toString(), "NO_ACCOUNT");
		for (UUID contact : List.of(first, second, third)) {
			assertThat(audited("CONTACT_WARNED", contact)).isEqualTo(1);
			assertThat(audited("CONTACT_WARNING_DELIVERED", contact)).isEqualTo(1);
		}
	}

	@Test
	void onlyOfficialsWarnAndAnEnterpriseScreeningIsNoCase() {
		String official = tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK);
		warn(tokens.manager(), UUID.randomUUID().toString()).expectStatus().isForbidden();
		warn(official, UUID.randomUUID().toString()).expectStatus().isNotFound();
		String started = (String) web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("enterpriseId", Demo.TIANYOU, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("screeningId");
		warn(official, started).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.value(code -> assertThat(code).isIn("screening_not_of_a_case"));
	}

	private UUID contactWithAccount(String openid) {
		String token = WeChatSignIn.miniProgramToken(web, openid);
		String phone = Requests.phone("139");
		WeChatSignIn.bindPhone(web, token, phone);
		return persons.findByPhone(phone).block().id();
	}

	private String screen(String official, String phone) {
		return (String) web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(Map.of("phone", phone, "days", 2, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
	}

	private WebTestClient.ResponseSpec warn(String token, String screening) {
		return web.post()
			.uri("/api/v1/contact-screenings/{id}/warnings", screening)
			.headers(h -> h.setBearerAuth(token))
			.exchange();
	}

	private static Map<String, Object> answer(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(Json.OBJECT).returnResult().getResponseBody();
	}

	private List<Map<String, Object>> messages(String openid) {
		return web.get()
			.uri("/__fake/wechat/messages?openid={openid}", openid)
			.exchange()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private Map<String, String> deliveries(UUID caseId) {
		return database.sql("SELECT contact_person_id, delivery FROM contact_warning WHERE case_person_id = :c")
			.bind("c", caseId)
			.map(row -> Map.entry(row.get(0, UUID.class).toString(), row.get(1, String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block();
	}

	private long audited(String type, UUID subject) {
		return database.sql("SELECT count(*) FROM audit_event WHERE type = :t AND subject_id = :s")
			.bind("t", type)
			.bind("s", subject.toString())
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	private void scanAt(UUID person, UUID place, Instant at) {
		database.sql("""
				INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
				    admitted, reasons, pass_color, fever)
				VALUES (:id, :at, :person, :place, :enterprise, :client, 'PLACE_CODE', true, '', 'GREEN', false)
				""")
			.bind("id", UUID.randomUUID())
			.bind("at", at)
			.bind("person", person)
			.bind("place", place)
			.bind("enterprise", Demo.RUIRUN)
			.bind("client", "w-" + UUID.randomUUID())
			.then()
			.block();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 4);
	}

}
