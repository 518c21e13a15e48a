package dev.fugong.bench;

import java.util.concurrent.CountDownLatch;

import dev.fugong.config.EmbeddedServers;

/**
 * A real PostgreSQL 17 and Redis on loopback, as a production pod finds them already
 * running, for bench/startup.sh: the service's production jar, which carries no embedded
 * servers, starts against these. Durable like production (fsync on): the local profile's
 * servers ({@link EmbeddedServers}), on fixed ports. Runs until killed.
 * <p>
 * Usage: {@code BenchInfrastructure <postgres port> <redis port>}
 */
public final class BenchInfrastructure {

	private BenchInfrastructure() {
	}

	public static void main(String[] args) throws Exception {
		int postgres = EmbeddedServers.startPostgres(true, Integer.parseInt(args[0]));
		int redis = EmbeddedServers.startRedis(Integer.parseInt(args[1]));
		System.out.printf("infrastructure up: postgres on %d, redis on %d%n", postgres, redis);
		new CountDownLatch(1).await();
	}

}
