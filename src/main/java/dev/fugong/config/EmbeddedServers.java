package dev.fugong.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The embedded PostgreSQL and Redis of {@link LocalInfrastructure}, once per JVM. A class
 * of its own so that nothing the production jar runs refers to these libraries, which it
 * leaves out: it is loaded only when {@code fugong.embedded.enabled} is set.
 */
public final class EmbeddedServers {

	private static EmbeddedPostgres postgres;

	private static RedisServer redis;

	private static int redisPort;

	/** The embedded PostgreSQL of this JVM, for tests that stop and start it. */
	public static synchronized EmbeddedPostgres postgres() {
		return postgres;
	}

	/**
	 * @param port a fixed port (benchmarks point pgbench at it), or 0 for a free one
	 */
	public static synchronized int startPostgres(boolean durable, int port) {
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

	static synchronized int startRedis() {
		try {
			return startRedis(freePort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port for embedded Redis", ex);
		}
	}

	/** Starts Redis on {@code port} (benchmarks), unless this JVM has started it. */
	public static synchronized int startRedis(int port) {
		if (redis == null) {
			try {
				redisPort = port;
				redis = RedisServer.newRedisServer()
					.port(redisPort)
					.bind("127.0.0.1")
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				redis.start();
				Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopRedis, "embedded-redis-stop"));
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

	private EmbeddedServers() {
	}

}
