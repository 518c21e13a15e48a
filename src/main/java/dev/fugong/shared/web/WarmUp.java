package dev.fugong.shared.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes a starting pod fit to serve before it says it is ready. Boot runs an
 * {@link ApplicationRunner} after the HTTP server listens and before the readiness state
 * turns to ACCEPTING_TRAFFIC, so the Service sends nothing here meanwhile.
 * <p>
 * Without it a restarted pod took its share of a scan-in peak with one database
 * connection, no connection yet to most Redis Cluster masters and an interpreting JIT:
 * {@code bench/cluster.sh} saw its first requests time out (503) or go unanswered for 10
 * s, and the pod serve at a third of its rate for a quarter of a minute. So, in order:
 * <ol>
 * <li>the PostgreSQL pool opens {@code connections} connections (each one authenticates
 * and sets its role: tens of milliseconds on a cold JVM);</li>
 * <li>every Redis master is pinged, which opens the cluster's connection to each (Lettuce
 * opens them on first use);</li>
 * <li>{@code requests} requests go through the pod's own HTTP port: token checks, the
 * user's lookup, JSON and problem answers of the busiest routes, for a user that does not
 * exist and a code that does not verify, so that nothing is written.</li>
 * </ol>
 * Each step is bounded and a failure only logs: a pod whose PostgreSQL or Redis is down
 * still starts, and its readiness says what is missing.
 */
@Component
@ConditionalOnProperty(name = "fugong.warm-up.enabled", havingValue = "true")
public class WarmUp implements ApplicationRunner, ObservationPredicate {

	/**
	 * Marks the warm-up's own requests, with a value only this process knows, so that
	 * they are not observed: a pod's cold start must not count in the scan-ins' p99 or
	 * the 4xx rates that alerts and dashboards read.
	 */
	static final String HEADER = "X-Fugong-Warm-Up";

	private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

	/**
	 * How long the requests may go on: on a busy node a cold JVM answers a few hundred a
	 * second, and a pod that took its share of traffic half warm is better than one that
	 * is not ready for a minute. The step then reports what was answered.
	 */
	private static final Duration REQUEST_TIME = Duration.ofSeconds(15);

	// Looked up when the warm-up runs: as an ObservationPredicate this bean is made with
	// the observation registry, before the connection factories that use that registry.
	private final ObjectProvider<ConnectionFactory> database;

	private final ObjectProvider<LettuceConnectionFactory> redis;

	private final ObjectProvider<TokenService> tokens;

	private final Environment environment;

	private final int connections;

	private final int requests;

	private final String marker = UUID.randomUUID().toString();

	private volatile Result result;

	WarmUp(ObjectProvider<ConnectionFactory> database, ObjectProvider<LettuceConnectionFactory> redis,
			ObjectProvider<TokenService> tokens, Environment environment,
			@Value("${fugong.warm-up.connections:10}") int connections,
			@Value("${fugong.warm-up.requests:2000}") int requests) {
		this.database = database;
		this.redis = redis;
		this.tokens = tokens;
		this.environment = environment;
		this.connections = connections;
		this.requests = requests;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			warmUp();
		}
		catch (RuntimeException ex) {
			// Never a reason not to start.
			log.warn("Warm-up stopped: {}", ex.toString());
		}
	}

	private void warmUp() {
		long started = System.nanoTime();
		int opened = step("PostgreSQL connections", openConnections());
		int masters = step("Redis masters", pingRedis());
		int answered = step("requests", requests());
		this.result = new Result(opened, masters, answered, Duration.ofNanos(System.nanoTime() - started));
		log.info("Warmed up in {} ms: {} PostgreSQL connections, {} Redis masters, {} requests answered",
				this.result.took().toMillis(), opened, masters, answered);
	}

	/**
	 * What the warm-up did, once it has run.
	 * @return the connections opened, the Redis masters pinged, the requests answered
	 * (any status) and the time it took; empty before it ran
	 */
	public Optional<Result> result() {
		return Optional.ofNullable(this.result);
	}

	/**
	 * What one warm-up did.
	 *
	 * @param connections PostgreSQL connections opened and used at once
	 * @param redisMasters Redis masters that answered a PING
	 * @param requests requests through the pod's own port that were answered
	 * @param took the whole warm-up's time
	 */
	public record Result(int connections, int redisMasters, int requests, Duration took) {
	}

	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof ServerRequestObservationContext request
				&& marker.equals(request.getCarrier().getHeaders().getFirst(HEADER)));
	}

	private int step(String what, Mono<Integer> step) {
		try {
			Integer done = step.timeout(STEP_TIMEOUT).block();
			return done == null ? 0 : done;
		}
		catch (RuntimeException ex) {
			log.warn("Warm-up of {} stopped: {}", what, ex.toString());
			return 0;
		}
	}

	/**
	 * Holds {@code connections} connections at once, each used once, then returns them.
	 */
	private Mono<Integer> openConnections() {
		ConnectionFactory factory = database.getObject();
		return Flux.range(0, connections)
			.flatMap(i -> Mono.from(factory.create()), connections)
			.collectList()
			.flatMap(opened -> Flux.fromIterable(opened)
				.flatMap(connection -> Flux.from(connection.createStatement("SELECT 1").execute())
					.flatMap(result -> result.map((row, meta) -> 1))
					.then(Mono.from(connection.close())))
				.then(Mono.just(opened.size())));
	}

	private Mono<Integer> pingRedis() {
		LettuceConnectionFactory redis = this.redis.getObject();
		if (redis.isClusterAware()) {
			ReactiveRedisClusterConnection cluster = redis.getReactiveClusterConnection();
			return cluster.clusterGetNodes()
				.filter(RedisClusterNode::isMaster)
				.flatMap(cluster::ping)
				.count()
				.map(Long::intValue)
				.doFinally(signal -> cluster.closeLater().subscribe());
		}
		ReactiveRedisConnection connection = redis.getReactiveConnection();
		return connection.ping().thenReturn(1).doFinally(signal -> connection.closeLater().subscribe());
	}

	/**
	 * The requests, eight at a time: {@code GET /api/v1/me} and a scan-in with a code
	 * that does not verify, as a signed-in user that has no record (answered 401, 404 or
	 * 400: the same filters, token check, lookup and problem rendering as real requests,
	 * and no write).
	 */
	private Mono<Integer> requests() {
		String port = environment.getProperty("local.server.port");
		if (port == null || requests <= 0) {
			return Mono.just(0);
		}
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		// An employee of an enterprise that does not exist either.
		String token = tokens.getObject()
			.issue(UUID.randomUUID(), List.of(new Grant(Role.EMPLOYEE, UUID.randomUUID())), 0, Audience.MINI_PROGRAM,
					null)
			.value();
		return Flux.range(0, requests)
			.flatMap(i -> ((i % 2 == 0) ? client.get().uri("/api/v1/me")
					: client.post()
						.uri("/api/v1/scans")
						.bodyValue(Map.of("code", "warm-up", "clientScanId", "warm-up-" + i)))
				.headers(headers -> {
					headers.setBearerAuth(token);
					headers.set(HEADER, marker);
				})
				.exchangeToMono(answer -> answer.releaseBody().thenReturn(1))
				.onErrorReturn(0), 8)
			.take(REQUEST_TIME)
			.reduce(0, Integer::sum);
	}

}
