package dev.fugong.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * A real PostgreSQL 17 and Redis on loopback, as a production pod finds them already
 * running, for bench/startup.sh: the service's production jar, which carries no embedded
 * servers, starts against these. Durable like production (fsync on). Runs until killed.
 * <p>
 * Usage: {@code BenchInfrastructure <postgres port> <redis port>}
 */
public final class BenchInfrastructure {

	private BenchInfrastructure() {
	}

	public static void main(String[] args) throws Exception {
		int postgresPort = Integer.parseInt(args[0]);
		int redisPort = Integer.parseInt(args[1]);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setPort(postgresPort)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("max_connections", "200")
			.start();
		RedisServer redis = RedisServer.newRedisServer()
			.port(redisPort)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				redis.stop();
				postgres.close();
			}
			catch (Exception ex) {
				ex.printStackTrace();
			}
		}, "bench-infrastructure-stop"));
		System.out.printf("postgres on %d, redis on %d: ready%n", postgresPort, redisPort);
		new CountDownLatch(1).await();
	}

}
