package dev.fugong.scanin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.FugongApplication;
import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service instance stopped in the middle of a burst of scans, as a pod is on a rolling
 * update, while PostgreSQL is slow for a moment: every scan it answered 201 is in the
 * table afterwards. Requests it did not answer may fail; none may be acknowledged and
 * lost. (Answering on enqueue, or dropping the queue on stop, fails this test.)
 */
class ScanShutdownIT {

	private static final int SCANS = 600;

	@Test
	void everyScanAnswered201BeforeTheStopHasItsRow() throws Exception {
		ConfigurableApplicationContext service = new SpringApplicationBuilder(FugongApplication.class)
			.profiles("local", "test")
			.run("--server.port=0", "--spring.application.name=fugong-stopped");
		String base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
		String jdbc = service.getEnvironment().getProperty("spring.flyway.url");
		WebTestClient setup = WebTestClient.bindToServer()
			.baseUrl(base)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		TestTokens tokens = new TestTokens(service.getBean(TokenService.class));
		UUID place = Requests.createPlace(setup, tokens.manager(), Demo.RUIRUN, "停机门", false);
		String code = service.getBean(CodeFormat.class).place(place, 1);
		List<String> employees = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			employees.add(WeChatSignIn.employee(setup, "136"));
		}

		WebClient client = WebClient.create(base);
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicInteger failed = new AtomicInteger();
		CountDownLatch quarter = new CountDownLatch(SCANS / 4);
		var burst = Flux.range(0, SCANS)
			.flatMap(i -> client.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employees.get(i % employees.size())))
				// A temperature each time: every scan is recorded, none folded into
				// another.
				.bodyValue(Map.of("code", code, "temperature", 36.5, "clientScanId", "stop-" + i))
				.exchangeToMono(response -> response.statusCode().value() == 201
						? response.bodyToMono(Json.OBJECT).map(body -> (String) body.get("scanId"))
						: response.releaseBody().then(Mono.<String>empty()))
				.doOnNext(acknowledged::add)
				.switchIfEmpty(Mono.fromRunnable(failed::incrementAndGet))
				.onErrorResume(error -> {
					failed.incrementAndGet();
					return Mono.empty();
				})
				.doFinally(signal -> quarter.countDown()), 32)
			.then()
			.subscribeOn(Schedulers.boundedElastic())
			.toFuture();

		assertThat(quarter.await(60, TimeUnit.SECONDS)).isTrue();
		// PostgreSQL stalls for a moment as the stop begins, so scans are waiting to be
		// written when it comes: the stop must wait for them, and answer only those
		// committed.
		try (Connection locker = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
			locker.setAutoCommit(false);
			locker.createStatement().execute("LOCK TABLE scan_in IN ACCESS EXCLUSIVE MODE");
			Thread.sleep(200);
			Schedulers.boundedElastic().schedule(() -> {
				try {
					locker.rollback();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}, 800, TimeUnit.MILLISECONDS);
			service.close();
		}
		burst.get(60, TimeUnit.SECONDS);

		assertThat(acknowledged).isNotEmpty();
		assertThat(failed.get()).as("the stop came in the middle of the burst").isPositive();
		assertThat(acknowledged.size() + failed.get()).isEqualTo(SCANS);
		try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "postgres");
				PreparedStatement query = connection
					.prepareStatement("SELECT id::text FROM scan_in WHERE place_id = ?")) {
			query.setObject(1, place);
			Set<String> rows = ConcurrentHashMap.newKeySet();
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					rows.add(result.getString(1));
				}
			}
			assertThat(rows).containsAll(acknowledged);
		}
	}

}
