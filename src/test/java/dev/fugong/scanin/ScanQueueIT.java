package dev.fugong.scanin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.scanin.domain.ScanPartitions;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Requests;
import dev.fugong.support.TableLock;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write queue under pressure, with a queue of two and one INSERT at a time: while the
 * table is locked, scans beyond the queue get 503 with Retry-After at once; the ones
 * taken are written when the lock goes, and each 201 has its row. Also partition upkeep.
 */
@IntegrationTest
@TestPropertySource(properties = { "fugong.scans.queue-capacity=2", "fugong.scans.max-concurrent-batches=1",
		"fugong.scans.max-batch-size=1", "fugong.scans.write-timeout=30s" })
class ScanQueueIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	PersonService persons;

	@Autowired
	ConnectionFactory connections;

	@Autowired
	DatabaseClient database;

	@Autowired
	ScanPartitions partitions;

	@Test
	void whenTheQueueIsFullScansGet503AndEveryAcknowledgedScanHasItsRow() {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "压力门", false);
		List<String> employees = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			employees.add(WeChatSignIn.employee(web, "134"));
		}
		// The scans taken wait for the lock, however long this machine takes to get
		// there.
		WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		ExecutorService phones = Executors.newFixedThreadPool(employees.size());
		List<CompletableFuture<EntityExchangeResult<String>>> calls = new ArrayList<>();
		try (TableLock lock = TableLock.exclusive(connections, "scan_in")) {
			for (String token : employees) {
				calls.add(CompletableFuture.supplyAsync(() -> patient.post()
					.uri("/api/v1/scans")
					.headers(h -> h.setBearerAuth(token))
					.bodyValue(Map.of("code", format.place(place, 1), "clientScanId", "q-1"))
					.exchange()
					.expectBody(String.class)
					.returnResult(), phones));
			}
			// One INSERT waiting on the lock and two scans queued behind it; the other
			// five are answered while the lock is still held: refused at once, not
			// after the database.
			await("five scans answered while the table is locked").atMost(Duration.ofSeconds(30))
				.until(() -> answered(calls).size() >= 5);
			assertThat(answered(calls)).hasSize(5).allSatisfy(result -> {
				assertThat(result.getStatus().value()).isEqualTo(503);
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			});
		}
		finally {
			phones.shutdown();
		}
		// The three taken are written once the lock goes, each answered 201.
		List<Integer> statuses = calls.stream().map(call -> call.join().getStatus().value()).toList();
		assertThat(statuses).filteredOn(status -> status == 201).hasSize(3);
		assertThat(statuses).filteredOn(status -> status == 503).hasSize(5);
		long rows = database.sql("SELECT count(*) FROM scan_in WHERE place_id = :p")
			.bind("p", place)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(rows).isEqualTo(3);
	}

	private static List<EntityExchangeResult<String>> answered(
			List<CompletableFuture<EntityExchangeResult<String>>> calls) {
		return calls.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
	}

	@Test
	void partitionsAreKeptAheadAndDroppedPastTheRetention() {
		database.sql("SELECT ensure_scan_in_partitions(current_date - 40, 1, 'Asia/Shanghai')").then().block();
		int[] counts = partitions.run().block();
		assertThat(counts[1]).isGreaterThanOrEqualTo(1);
		List<String> names = database
			.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
					+ "WHERE i.inhparent = 'scan_in'::regclass ORDER BY c.relname")
			.map(row -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		String old = "scan_in_" + java.time.LocalDate.now().minusDays(40).toString().replace("-", "");
		String ahead = "scan_in_"
				+ java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7).toString().replace("-", "");
		assertThat(names).doesNotContain(old).contains(ahead);
	}

}
