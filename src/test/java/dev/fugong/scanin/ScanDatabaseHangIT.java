package dev.fugong.scanin;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Problems;
import dev.fugong.support.Requests;
import dev.fugong.support.TableLock;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL up but not answering (here: the person table locked, as a stuck migration or
 * a failing disk would leave it): a scan is a 503 with Retry-After within two seconds,
 * not a request that waits as long as the gate's phone does, and nothing is recorded.
 * <p>
 * The two seconds are the service's read timeout (1 s) with room to spare; a busy build
 * machine cannot time that figure reliably. What the test proves is the property behind
 * it: the service gives up on the database by itself. Without its timeout the scan would
 * wait as long as the lock is held, here until the client's 60 s; so the answer must be
 * the 503 and come within 10 s, well above the 1 s and well below a hang.
 */
@IntegrationTest
class ScanDatabaseHangIT {

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

	@Test
	void aScanWhilePostgresHangsIs503WithinTwoSecondsAndRecordsNothing() {
		TestTokens tokens = new TestTokens(tokenService);
		UUID place = Requests.createPlace(web, tokens.manager(), Demo.RUIRUN, "卡住门", false);
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("133");
		WeChatSignIn.bindPhone(web, token, phone);
		UUID person = persons.findByPhone(phone).block().id();

		try (TableLock lock = TableLock.exclusive(connections, "person")) {
			long started = System.nanoTime();
			Problems.expectUnavailable(web.mutate()
				.responseTimeout(Duration.ofSeconds(60))
				.build()
				.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(token))
				.bodyValue(Map.of("code", format.place(place, 1), "clientScanId", "hang-1"))
				.exchange());
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
		long rows = database.sql("SELECT count(*) FROM scan_in WHERE person_id = :p")
			.bind("p", person)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(rows).isZero();
	}

}
