package dev.fugong.scanin;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import org.springframework.context.SmartLifecycle;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service instance stopped in the middle of a burst of scans, as a pod is on a rolling
 * update, while PostgreSQL stalls: every scan it answered 201 is in the table afterwards.
 * Requests it did not answer may fail; none may be acknowledged and lost. (Answering on
 * enqueue fails this test: scans waiting for the stalled database are acknowledged, then
 * lost.)
 */
class ScanShutdownIT {

	private static final int SCANS = 600;

	@Test
	// It starts an instance of its own, signs 20 people in and sends 600 scans: on a
	// loaded build machine that alone took most of the suite's 2-minute default.
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void everyScanAnswered201BeforeTheStopHasItsRow() throws Exception {
		AtomicReference<Runnable> stallEnds = new AtomicReference<>(() -> {
		});
		ConfigurableApplicationContext service = new SpringApplicationBuilder(FugongApplication.class)
			.profiles("local", "test")
			.initializers(context -> context.getBeanFactory().registerSingleton("stallEnds", new StallEnds(stallEnds)))
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
		// PostgreSQL stalls as the stop begins and until the scan writer has stopped, so
		// scans are waiting to be written all through the stop: the stop must wait for
		// them, and answer only those committed.
		try (Connection locker = DriverManager.getConnection(jdbc, "postgres", "postgres")) {
			locker.setAutoCommit(false);
			locker.createStatement().execute("LOCK TABLE scan_in IN ACCESS EXCLUSIVE MODE");
			await("scans waiting on the locked table").atMost(Duration.ofSeconds(30))
				.until(() -> waitingOnScanIn(locker) > 0);
			stallEnds.set(() -> {
				try {
					locker.rollback();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
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

	/** Statements waiting for a lock on scan_in (as the locked table makes INSERTs). */
	private static long waitingOnScanIn(Connection connection) throws SQLException {
		try (ResultSet result = connection.createStatement()
			.executeQuery("SELECT count(*) FROM pg_locks WHERE relation = 'scan_in'::regclass AND NOT granted")) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * Ends the stall when the service's stop reaches it: after every other lifecycle bean
	 * (the web server and the scan writer included), before the connection pool closes.
	 */
	static final class StallEnds implements SmartLifecycle {

		private final AtomicReference<Runnable> end;

		private volatile boolean running;

		StallEnds(AtomicReference<Runnable> end) {
			this.end = end;
		}

		@Override
		public void start() {
			running = true;
		}

		@Override
		public void stop() {
			running = false;
			end.get().run();
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
