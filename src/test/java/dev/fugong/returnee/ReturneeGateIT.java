package dev.fugong.returnee;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.returnee.model.ObservationFacts;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.returnee.model.ReturneeStatus;
import dev.fugong.scanin.domain.ScanPartitions;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.MutableClock;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.fugong.support.ReturneeFixture.body;
import static dev.fugong.support.ReturneeFixture.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate end to end, by the service's clock: a returnee in observation is turned away,
 * admitted once its 14 days are over (the clock moved), a flagged one is turned away;
 * missed reports are found; the list's status filter agrees with the rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// The first requests of a cold context on a busy two-core machine take seconds.
@AutoConfigureWebTestClient(timeout = "PT30S")
@ActiveProfiles({ "local", "test" })
class ReturneeGateIT {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	ScanPartitions partitions;

	@Autowired
	DatabaseClient database;

	@Autowired
	ObservationRules rules;

	@Autowired
	dev.fugong.returnee.model.SlotRules slots;

	@Autowired
	ApplicationContext context;

	@Autowired
	dev.fugong.shared.crypto.PersonalDataCipher cipher;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void inObservationTheGateDeniesAndAfterFourteenDaysItAdmits() {
		String phone = Requests.phone("139");
		Instant arrived = clock.instant().minus(Duration.ofHours(1));
		Map<String, Object> returnee = registered(web, tokens.manager(),
				body(Demo.RUIRUN, phone, "440300", arrived.minus(Duration.ofDays(1)), arrived, null));
		assertThat(returnee).containsEntry("status", "IN_OBSERVATION");
		assertThat((List<Object>) returnee.get("flags")).isEmpty();

		// The employee of the list signs in and binds the phone the manager registered.
		String openid = "wx-" + UUID.randomUUID();
		String employee = WeChatSignIn.miniProgramToken(web, openid);
		WeChatSignIn.bindPhone(web, employee, phone);
		String gate = format.place(Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "北门", false), 1);

		scan(employee, gate, "obs-1").jsonPath("$.decision")
			.isEqualTo("DENY")
			.jsonPath("$.reasons[0]")
			.isEqualTo("IN_OBSERVATION")
			.jsonPath("$.passColor")
			.isEqualTo("YELLOW");

		// 14 days on, at midnight of the district's day: admitted.
		Instant ends = Instant.parse((String) returnee.get("observationEndsAt"));
		assertThat(ends)
			.isEqualTo(LocalDate.ofInstant(arrived, SHANGHAI).plusDays(14).atStartOfDay(SHANGHAI).toInstant());
		clock.advance(Duration.between(clock.instant(), ends));
		partitions.run().block();
		// Two weeks on, the old access token has long expired: the employee signs in
		// again.
		scan(WeChatSignIn.miniProgramToken(web, openid), gate, "obs-2").jsonPath("$.decision").isEqualTo("ADMIT");
		web.get()
			.uri("/api/v1/returnees/{id}", returnee.get("id"))
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CLEARED");
	}

	@Test
	void aReturneeThroughAHighRiskRegionIsFlaggedAndTurnedAway() {
		// 十堰市 HIGH from a week ago.
		web.put()
			.uri("/api/v1/regions/420300/risk")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(Map.of("level", "HIGH", "from", clock.instant().minus(Duration.ofDays(7)).toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.level")
			.isEqualTo("HIGH");
		String phone = Requests.phone("139");
		Instant arrived = clock.instant().minus(Duration.ofHours(2));
		Map<String, Object> request = body(Demo.RUIRUN, phone, "110105", arrived.minus(Duration.ofDays(2)), arrived,
				null);
		request.put("travel", List.of(Map.of("region", "420303", "from", arrived.minus(Duration.ofDays(2)).toString(),
				"to", arrived.minus(Duration.ofDays(1)).toString())));
		Map<String, Object> returnee = registered(web, tokens.manager(), request);
		assertThat((List<Object>) returnee.get("flags")).containsExactly("HIGH_RISK_REGION");

		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		WeChatSignIn.bindPhone(web, employee, phone);
		String gate = format.place(Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "南门", false), 1);
		scan(employee, gate, "flag-1").jsonPath("$.decision")
			.isEqualTo("DENY")
			.jsonPath("$.reasons")
			.value(reasons -> assertThat((List<Object>) reasons).contains("IN_OBSERVATION", "RETURN_NOT_ALLOWED"))
			.jsonPath("$.passColor")
			.isEqualTo("RED");

		clock.advance(Duration.ofSeconds(1));
		// Lowering the region again unflags the returnee (flags follow the risk levels).
		web.put()
			.uri("/api/v1/regions/420300/risk")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(Map.of("level", "LOW", "from", clock.instant().minus(Duration.ofDays(30)).toString()))
			.exchange()
			.expectStatus()
			.isOk();
		web.get()
			.uri("/api/v1/returnees/{id}", returnee.get("id"))
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectBody()
			.jsonPath("$.flags.length()")
			.isEqualTo(0);
	}

	@Test
	void aReturneeWhoMissesTheDeadlineIsOverdueUntilItReports() {
		// Move to 09:00 of a district day, then past its 10:00 deadline.
		LocalDate today = LocalDate.ofInstant(clock.instant(), SHANGHAI).plusDays(1);
		clock.advance(Duration.between(clock.instant(), today.atTime(9, 0).atZone(SHANGHAI).toInstant()));
		partitions.run().block();
		String phone = Requests.phone("139");
		Instant arrived = today.minusDays(3).atTime(15, 0).atZone(SHANGHAI).toInstant();
		Map<String, Object> returnee = registered(web, tokens.manager(),
				body(Demo.RUIRUN, phone, "440300", arrived.minus(Duration.ofDays(1)), arrived, null));
		String openid = "wx-" + UUID.randomUUID();
		WeChatSignIn.bindPhone(web, WeChatSignIn.miniProgramToken(web, openid), phone);

		clock.advance(Duration.ofMinutes(61));
		String employee = WeChatSignIn.miniProgramToken(web, openid);
		Long marked = overdueJob().block();
		assertThat(marked).isGreaterThanOrEqualTo(1L);
		assertThat(status(returnee)).isEqualTo("REPORT_OVERDUE");
		web.get()
			.uri("/api/v1/returnees?enterpriseId={e}&status=REPORT_OVERDUE&size=200", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectBody()
			.jsonPath("$.items[*].id")
			.value(ids -> assertThat((List<Object>) ids).contains(returnee.get("id")));
		web.get()
			.uri("/api/v1/health-reports/missing?enterpriseId={e}&slot=MORNING&size=500", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].maskedPhone")
			.value(phones -> assertThat((List<Object>) phones)
				.contains(phone.substring(0, 3) + "****" + phone.substring(7)));

		// A report (late, still the morning slot) ends the overdue.
		web.post()
			.uri("/api/v1/health-reports")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(Map.of("temperature", 36.5, "symptoms", List.of()))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(status(returnee)).isEqualTo("IN_OBSERVATION");
		assertThat(overdueJob().block()).isZero();
		assertThat(status(returnee)).isEqualTo("IN_OBSERVATION");
	}

	/**
	 * The list filters by status in SQL; for every stored combination the SQL predicate
	 * and ObservationRules agree.
	 */
	@Test
	void theListsStatusFilterAgreesWithTheRules() {
		UUID enterprise = Demo.TIANYOU;
		database.sql("DELETE FROM returnee WHERE enterprise_id = :e").bind("e", enterprise).then().block();
		Instant now = clock.instant();
		Instant[] arrivals = { now.plus(Duration.ofHours(20)), now.minus(Duration.ofDays(3)),
				now.minus(Duration.ofDays(20)),
				LocalDate.ofInstant(now, SHANGHAI).minusDays(13).atStartOfDay(SHANGHAI).toInstant(),
				LocalDate.ofInstant(now, SHANGHAI).minusDays(14).atTime(23, 59).atZone(SHANGHAI).toInstant() };
		Instant missed = now.minus(Duration.ofHours(3));
		Instant[][] reports = { { null, null }, { missed, null }, { missed, now.minus(Duration.ofHours(5)) },
				{ missed, now.minus(Duration.ofHours(1)) } };
		int expected[] = new int[ReturneeStatus.values().length];
		int n = 0;
		for (boolean abnormal : new boolean[] { false, true }) {
			for (Instant arrival : arrivals) {
				for (Instant[] report : reports) {
					Instant abnormalAt = abnormal ? now.minus(Duration.ofHours(2)) : null;
					ReturneeStatus status = rules
						.status(new ObservationFacts(arrival, abnormalAt, report[0], report[1]));
					expected[status.ordinal()]++;
					UUID person = UUID.randomUUID();
					// A report in the last due slot, so that the overdue job, which runs
					// every minute, leaves these facts as they are while the test reads.
					var due = slots.lastDue(now);
					database.sql("""
							INSERT INTO health_report (id, person_id, reported_at, slot_date, slot, temperature_cipher,
							  abnormal)
							VALUES (:id, :person, :at, :date, :slot, '\\x00', false)""")
						.bind("id", UUID.randomUUID())
						.bind("person", person)
						.bind("at", slots.deadline(due.date(), due.slot()).minus(Duration.ofMinutes(1)))
						.bind("date", due.date())
						.bind("slot", due.slot().name())
						.then()
						.block();
					database.sql("""
							INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at,
							  departed_day, arrived_at, arrival_at, arrival_day, abnormal_at, missed_slot_at,
							  last_report_at, source, created_at)
							VALUES (:id, :person, :e, :zone, :travel, :departed, :departedDay, :arrival, :arrival,
							  :arrivalDay, :abnormal, :missed, :report, 'MANAGER', :now)
							""")
						.bind("id", UUID.randomUUID())
						.bind("person", person)
						.bind("travel",
								cipher.encrypt("{\"origin\":\"440300\",\"transport\":\"TRAIN\",\"legs\":[]}",
										dev.fugong.shared.crypto.PersonalDataCipher.Column.RETURNEE_TRAVEL))
						.bind("e", enterprise)
						.bind("zone", Demo.PARK)
						.bind("departed", arrival.minus(Duration.ofDays(1)))
						.bind("departedDay", LocalDate.ofInstant(arrival, SHANGHAI).minusDays(1))
						.bind("arrival", arrival)
						.bind("arrivalDay", LocalDate.ofInstant(arrival, SHANGHAI))
						.bind("abnormal",
								org.springframework.r2dbc.core.Parameter.fromOrEmpty(abnormalAt, Instant.class))
						.bind("missed", org.springframework.r2dbc.core.Parameter.fromOrEmpty(report[0], Instant.class))
						.bind("report", org.springframework.r2dbc.core.Parameter.fromOrEmpty(report[1], Instant.class))
						.bind("now", now)
						.then()
						.block();
					n++;
				}
			}
		}
		// The job as it runs every minute: it must find nothing to change here.
		overdueJob().block();
		Map<String, Object> summary = web.get()
			.uri("/api/v1/returnees/summary?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		for (ReturneeStatus status : ReturneeStatus.values()) {
			assertThat(((Number) summary.get(status.name())).intValue()).as(status.name())
				.isEqualTo(expected[status.ordinal()]);
		}
		assertThat(((Number) summary.get("total")).intValue()).isEqualTo(n);
		// The list's filter by each status, as the manager of the enterprise and as the
		// park's official (read by enterprise, and by zone).
		for (ReturneeStatus status : ReturneeStatus.values()) {
			for (String query : List.of("enterpriseId=" + enterprise, "zoneId=" + Demo.PARK)) {
				Map<String, Object> page = web.get()
					.uri("/api/v1/returnees?" + query + "&status=" + status + "&size=200")
					.headers(h -> h
						.setBearerAuth(query.startsWith("zone") ? tokens.official() : tokens.managerOf(enterprise)))
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(Json.OBJECT)
					.returnResult()
					.getResponseBody();
				long listed = ((List<?>) page.get("items")).stream()
					.filter(item -> enterprise.toString().equals(((Map<?, ?>) item).get("enterpriseId")))
					.count();
				assertThat(listed).as(status + " by " + query).isEqualTo(expected[status.ordinal()]);
			}
		}
		database.sql("DELETE FROM returnee WHERE enterprise_id = :e").bind("e", enterprise).then().block();
	}

	private String status(Map<String, Object> returnee) {
		return (String) web.get()
			.uri("/api/v1/returnees/{id}", returnee.get("id"))
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("status");
	}

	@SuppressWarnings("unchecked")
	private reactor.core.publisher.Mono<Long> overdueJob() {
		try {
			Object job = context.getBean(Class.forName("dev.fugong.returnee.domain.OverdueJob"));
			var run = job.getClass().getDeclaredMethod("run");
			run.setAccessible(true);
			return (reactor.core.publisher.Mono<Long>) run.invoke(job);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private WebTestClient.BodyContentSpec scan(String employee, String code, String clientScanId) {
		return web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(Map.of("code", code, "clientScanId", clientScanId))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody();
	}

	@TestConfiguration
	static class Clock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

	static Grant employeeGrant() {
		return new Grant(Role.EMPLOYEE, Demo.RUIRUN);
	}

	static Audience audience() {
		return Audience.MINI_PROGRAM;
	}

}
