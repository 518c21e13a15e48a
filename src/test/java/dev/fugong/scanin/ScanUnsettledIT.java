package dev.fugong.scanin;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TableLock;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A write that times out may still commit: the INSERT was sent and waits on a stalled
 * database, the gate phone gets its 503 and retries with the same clientScanId. The retry
 * must find the first row, not add a second one, however the two race; and the scan is
 * counted once, when it is first acknowledged.
 */
@IntegrationTest
@TestPropertySource(properties = "fugong.scans.write-timeout=1s")
class ScanUnsettledIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	ConnectionFactory connections;

	private Connection probe;

	@Test
	void aScanWhoseWriteTimedOutButCommittedLaterIsRecordedOnceAndItsRetryGetsThatRow() {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "迟到门", false);
		String employee = WeChatSignIn.employee(web, "139");
		Map<String, Object> body = Map.of("code", format.place(place, 1), "temperature", 38.4, "clientScanId",
				"late-1");

		// The test's own connection, out of the pool: a pooled one given back after the
		// service gave up on its INSERT is queued behind that INSERT until it ends.
		probe = Mono.from(connections.create()).block();
		try (TableLock lock = TableLock.exclusive(connections, "scan_in")) {
			// The database stalls: the first INSERT waits on the lock past the write
			// timeout, and so does the retry's.
			for (int attempt = 0; attempt < 2; attempt++) {
				web.post()
					.uri("/api/v1/scans")
					.headers(h -> h.setBearerAuth(employee))
					.bodyValue(body)
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals(HttpHeaders.RETRY_AFTER, "1")
					.expectBody()
					.jsonPath("$.code")
					.isEqualTo("dependency_unavailable");
			}
			// The first INSERT was given up by the service, not by the database: it is
			// still waiting. (The retry's may wait behind it on the same connection.)
			await("the first INSERT still waiting on the table").atMost(Duration.ofSeconds(30))
				.until(() -> insertsWaitingOnScanIn() >= 1);
		}
		// The database is back: the INSERTs given up on commit after all, one row
		// between them.
		await("the waiting INSERTs done").atMost(Duration.ofSeconds(30))
			.until(() -> insertsWaitingOnScanIn() == 0 && rows(place) > 0);
		assertThat(rows(place)).isEqualTo(1);
		assertThat(fevers(tokens, place)).as("a scan nobody was told of is not counted yet").isZero();

		// The phone tries again and is told of that row: first acknowledged now, so 201,
		// and now it counts.
		Map<String, Object> answer = web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(answer).containsEntry("scanId", scanId(place))
			.containsEntry("decision", "DENY")
			.containsEntry("feverClinic", true);
		assertThat(rows(place)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fevers(tokens, place)).isEqualTo(1));

		// Once more: the answer replayed.
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scanId")
			.isEqualTo(scanId(place))
			.jsonPath("$.recorded")
			.isEqualTo(false);
		assertThat(rows(place)).isEqualTo(1);
		assertThat(fevers(tokens, place)).isEqualTo(1);
	}

	private int fevers(TestTokens tokens, UUID place) {
		return web.get()
			.uri("/api/v1/places/{id}/scan-counts/today", place)
			.headers(h -> h.setBearerAuth(tokens.managerOf(Demo.RUIRUN)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("fevers") instanceof Number n ? n.intValue() : -1;
	}

	/** INSERTs waiting for a lock on scan_in. */
	private long insertsWaitingOnScanIn() {
		return count("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
				+ "WHERE l.relation = 'scan_in'::regclass AND NOT l.granted AND a.query LIKE '%INSERT INTO scan_in%'");
	}

	private String scanId(UUID place) {
		return Flux
			.from(probe.createStatement("SELECT id::text FROM scan_in WHERE place_id = $1").bind(0, place).execute())
			.flatMap(result -> result.map(row -> row.get(0, String.class)))
			.single()
			.block();
	}

	private long rows(UUID place) {
		return count("SELECT count(*) FROM scan_in WHERE place_id = '" + place + "'");
	}

	private long count(String sql) {
		return Flux.from(probe.createStatement(sql).execute())
			.flatMap(result -> result.map(row -> row.get(0, Long.class)))
			.single()
			.block();
	}

	@AfterEach
	void close() {
		if (probe != null) {
			Mono.from(probe.close()).block();
		}
	}

}
