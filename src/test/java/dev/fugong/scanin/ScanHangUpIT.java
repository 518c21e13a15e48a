package dev.fugong.scanin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TableLock;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gate phones lose their connection: a client that hangs up after sending a scan must not
 * leave the scan half done. Once the service has claimed the scan it finishes it
 * (written, counted, alerted, remembered), so the phone's retry with the same
 * clientScanId gets the first answer at once and no second row; and hang-ups at any
 * moment leave no database connection held.
 */
@IntegrationTest
// The scan's write waits on the locked table while the test hangs up and watches the
// service notice; with the 1.5 s default a slow run could see the write given up first.
@TestPropertySource(properties = "fugong.scans.write-timeout=30s")
class ScanHangUpIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	ConnectionFactory connections;

	@Autowired
	DatabaseClient database;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PersonService persons;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Value("${local.server.port}")
	int port;

	@Test
	void aFeverScanWhosePhoneHungUpIsStillCountedAndItsRetryGetsTheFirstAnswer() throws Exception {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "断线门", false);
		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("137");
		WeChatSignIn.bindPhone(web, employee, phone);
		UUID person = persons.findByPhone(phone).block().id();
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		Map<String, Object> body = Map.of("code", format.place(place, 1), "temperature", 38.4, "clientScanId",
				"hang-1");

		try (TableLock lock = TableLock.exclusive(connections, "scan_in")) {
			// PostgreSQL is slow: the scan's row waits on the lock. The phone gives up.
			AtomicReference<Integer> answer = new AtomicReference<>();
			Disposable call = client.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employee))
				.bodyValue(body)
				.exchangeToMono(response -> Mono.just(response.statusCode().value()))
				.subscribe(answer::set);
			// The service has claimed the scan (from then on it must finish it) and a row
			// waits on the table. (Only the claim is this scan's own: a row of another
			// test's scan, still being finished, may be the one waiting.)
			await("the scan claimed and a row waiting on the locked table").atMost(Duration.ofSeconds(30))
				.until(() -> claimed(person, "hang-1") && insertsWaitingOnScanIn() > 0);
			double abortedBefore = abortedScans();
			call.dispose();
			assertThat(answer.get()).as("the phone hung up before any answer").isNull();
			// The service has seen the hang-up while the row was still waiting.
			await("the service seeing the hang-up").atMost(Duration.ofSeconds(30))
				.until(() -> abortedScans() > abortedBefore);
		}

		// The scan was finished without the phone: written and counted, so the manager
		// sees the fever.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rows(place)).isEqualTo(1));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> web.get()
				.uri("/api/v1/places/{id}/scan-counts/today", place)
				.headers(h -> h.setBearerAuth(tokens.managerOf(Demo.RUIRUN)))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.fevers")
				.isEqualTo(1));

		// The phone's retry gets the first answer, promptly, and records nothing new.
		// Promptly: the answer is remembered, so the retry waits for nothing. Had the
		// claim been left pending, the retry would have polled it for 5 s and then got
		// a 409; the bound is that, not a latency figure, so a busy machine passes.
		long started = System.nanoTime();
		Map<String, Object> retried = web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(retried).containsEntry("scanId", scanId(place))
			.containsEntry("decision", "DENY")
			.containsEntry("feverClinic", true)
			.containsEntry("recorded", false);
		assertThat(rows(place)).isEqualTo(1);
	}

	@Test
	void hangUpsAtAnyMomentLeaveNoDatabaseConnectionHeld() {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "闪断门", false);
		List<String> employees = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			employees.add(WeChatSignIn.employee(web, "138"));
		}
		String code = format.place(place, 1);
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		// 400 scans, 32 at a time, each given up after 1 to 40 ms: some before the
		// service reads anything, some while it reads, some while the row waits for its
		// batch.
		Flux.range(0, 400)
			.flatMap(i -> client.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employees.get(i % employees.size())))
				.bodyValue(Map.of("code", code, "temperature", 36.6, "clientScanId", "flicker-" + i))
				.exchangeToMono(response -> response.releaseBody())
				.timeout(Duration.ofMillis(1 + i % 40))
				.onErrorResume(error -> Mono.empty()), 32)
			.blockLast(Duration.ofSeconds(60));

		ConnectionPool pool = (ConnectionPool) connections;
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PoolMetrics metrics = pool.getMetrics().orElseThrow();
			assertThat(metrics.acquiredSize()).as("connections still held").isZero();
			assertThat(metrics.pendingAcquireSize()).as("acquires still waiting").isZero();
		});
		// Each scan is in the table at most once, and the gate still works.
		long duplicated = database
			.sql("SELECT count(*) FROM (SELECT client_scan_id FROM scan_in WHERE place_id = :p "
					+ "GROUP BY client_scan_id HAVING count(*) > 1) d")
			.bind("p", place)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(duplicated).isZero();
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employees.get(0)))
			.bodyValue(Map.of("code", code, "temperature", 36.6, "clientScanId", "after-flicker"))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	/** Scan requests the service saw the client abandon before their answer. */
	private double abortedScans() {
		return meters.find("http.server.requests")
			.tag("uri", "/api/v1/scans")
			.tag("outcome", "UNKNOWN")
			.timers()
			.stream()
			.mapToDouble(timer -> timer.count())
			.sum();
	}

	/** Whether the service holds the claim on this person's clientScanId. */
	private boolean claimed(UUID person, String clientScanId) {
		return redis.hasKey("scan:{" + person + "}:client:" + clientScanId).block();
	}

	/** INSERTs waiting for a lock on scan_in. */
	private long insertsWaitingOnScanIn() {
		return database.sql("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
				+ "WHERE l.relation = 'scan_in'::regclass AND NOT l.granted AND a.query LIKE '%INSERT INTO scan_in%'")
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	/** The id of the place's one scan-in row. */
	private String scanId(UUID place) {
		return database.sql("SELECT id::text FROM scan_in WHERE place_id = :p")
			.bind("p", place)
			.map(row -> row.get(0, String.class))
			.one()
			.block();
	}

	private long rows(UUID place) {
		return database.sql("SELECT count(*) FROM scan_in WHERE place_id = :p")
			.bind("p", place)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

}
