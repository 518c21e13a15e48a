package dev.fugong.scanin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write queue under pressure, with a queue of two and one INSERT at a time: while the
 * table is locked, scans beyond the queue get 503 with Retry-After at once; the ones
 * taken are written when the lock goes, and each 201 has its row. Also partition upkeep.
 */
@IntegrationTest
@TestPropertySource(properties = { "fugong.scans.queue-capacity=2", "fugong.scans.max-concurrent-batches=1",
		"fugong.scans.max-batch-size=1", "fugong.scans.write-timeout=10s" })
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
	void whenTheQueueIsFullScansGet503AndEveryAcknowledgedScanHasItsRow() throws Exception {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "压力门", false);
		List<String> employees = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			employees.add(WeChatSignIn.employee(web, "134"));
		}
		List<CompletableFuture<WebTestClient.ResponseSpec>> calls = new ArrayList<>();
		try (TableLock lock = TableLock.exclusive(connections, "scan_in")) {
			for (String token : employees) {
				calls.add(CompletableFuture.supplyAsync(() -> web.post()
					.uri("/api/v1/scans")
					.headers(h -> h.setBearerAuth(token))
					.bodyValue(Map.of("code", format.place(place, 1), "clientScanId", "q-1"))
					.exchange()));
				Thread.sleep(100);
			}
			Thread.sleep(500);
		}
		int created = 0;
		int unavailable = 0;
		for (var call : calls) {
			var result = call.join().expectBody(String.class).returnResult();
			if (result.getStatus().value() == 201) {
				created++;
			}
			else {
				assertThat(result.getStatus().value()).isEqualTo(503);
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				unavailable++;
			}
		}
		// One INSERT waiting on the lock, two in the queue; the rest refused at once.
		assertThat(created).isEqualTo(3);
		assertThat(unavailable).isEqualTo(5);
		long rows = database.sql("SELECT count(*) FROM scan_in WHERE place_id = :p")
			.bind("p", place)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(rows).isEqualTo(created);
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
