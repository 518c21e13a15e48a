package dev.fugong.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts real PostgreSQL and Redis binaries on loopback when
 * {@code fugong.embedded.enabled} is true (the {@code local} profile and the tests), and
 * points the service at them.
 *
 * <p>
 * Runs as an {@link EnvironmentPostProcessor} so the URLs exist before any connection
 * factory is built. Whatever the environment already names wins: with
 * {@code SPRING_R2DBC_URL} set, no PostgreSQL is started; with
 * {@code SPRING_DATA_REDIS_HOST} or {@code SPRING_DATA_REDIS_URL} set, no Redis is
 * started. The servers are started once per JVM, so every application context of a test
 * run shares them, and stop with the JVM.
 */
public class LocalInfrastructure implements EnvironmentPostProcessor {

	static final String ENABLED = "fugong.embedded.enabled";

	static final String DURABLE = "fugong.embedded.postgres-durable";

	/** A fixed port for the embedded PostgreSQL; unset, a free one is chosen. */
	static final String PORT = "fugong.embedded.postgres-port";

	private static EmbeddedPostgres postgres;

	private static RedisServer redis;

	private static int redisPort;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!environment.containsProperty("spring.r2dbc.url")) {
			int port = startPostgres(environment.getProperty(DURABLE, Boolean.class, true),
					environment.getProperty(PORT, Integer.class, 0));
			properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + port + "/postgres");
			properties.put("spring.r2dbc.username", "postgres");
			properties.put("spring.r2dbc.password", "postgres");
			properties.put("spring.flyway.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres");
			properties.put("spring.flyway.user", "postgres");
			properties.put("spring.flyway.password", "postgres");
			properties.put(PORT, port);
		}
		if (!environment.containsProperty("spring.data.redis.host")
				&& !environment.containsProperty("spring.data.redis.url")) {
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", startRedis());
		}
		// Only what the environment lacks was put in, so going first overrides nothing
		// the user set.
		environment.getPropertySources().addFirst(new MapPropertySource("fugongEmbedded", properties));
	}

	/**
	 * The port of the embedded PostgreSQL of this JVM, for tests that stop and start it.
	 */
	public static synchronized EmbeddedPostgres postgres() {
		return postgres;
	}

	/**
	 * @param port a fixed port (benchmarks point pgbench at it), or 0 for a free one
	 */
	private static synchronized int startPostgres(boolean durable, int port) {
		if (postgres == null) {
			try {
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
				if (port > 0) {
					builder.setPort(port);
				}
				postgres = builder.setPGStartupWait(Duration.ofSeconds(60))
					// zonky turns durability off by default for speed; the local run and
					// the load benchmark must measure what production does.
					.setServerConfig("fsync", durable ? "on" : "off")
					.setServerConfig("synchronous_commit", durable ? "on" : "off")
					.setServerConfig("full_page_writes", durable ? "on" : "off")
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", "200")
					.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
			}
		}
		return postgres.getPort();
	}

	private static synchronized int startRedis() {
		if (redis == null) {
			try {
				redisPort = freePort();
				redis = RedisServer.newRedisServer()
					.port(redisPort)
					.bind("127.0.0.1")
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				redis.start();
				Runtime.getRuntime().addShutdownHook(new Thread(LocalInfrastructure::stopRedis, "embedded-redis-stop"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded Redis", ex);
			}
		}
		return redisPort;
	}

	private static void stopRedis() {
		try {
			redis.stop();
		}
		catch (IOException ex) {
			// The JVM is exiting; the redis process dies with it.
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

}
