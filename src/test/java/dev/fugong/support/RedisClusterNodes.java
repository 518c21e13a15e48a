package dev.fugong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import redis.embedded.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three masters and no replicas on loopback, from the project's
 * embedded redis-server binary (Redis 6.2: slots are assigned one by one, ADDSLOTSRANGE
 * is Redis 7). Each node works in a directory of its own, where it writes its
 * {@code nodes.conf}. For tests that run the service against a cluster.
 */
public final class RedisClusterNodes implements AutoCloseable {

	private static final int SLOTS = 16384;

	private final List<RedisServer> servers = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private final List<Path> directories = new ArrayList<>();

	private final RedisClient client = RedisClient.create();

	private RedisClusterNodes() {
	}

	/** Starts three nodes, gives each a third of the slots, and waits for state ok. */
	public static RedisClusterNodes start() {
		RedisClusterNodes cluster = new RedisClusterNodes();
		try {
			for (int i = 0; i < 3; i++) {
				int port = freePort();
				Path dir = Files.createTempDirectory("fugong-redis-cluster-");
				cluster.directories.add(dir);
				RedisServer server = RedisServer.newRedisServer()
					.port(port)
					.bind("127.0.0.1")
					.setting("dir " + dir)
					.setting("cluster-enabled yes")
					.setting("cluster-config-file nodes.conf")
					.setting("cluster-node-timeout 2000")
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				cluster.servers.add(server);
				server.start();
				cluster.ports.add(port);
			}
			cluster.form();
			return cluster;
		}
		catch (IOException ex) {
			cluster.close();
			throw new UncheckedIOException("Could not start a Redis Cluster", ex);
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	private void form() {
		for (int i = 0; i < 3; i++) {
			int from = SLOTS * i / 3;
			int to = SLOTS * (i + 1) / 3;
			int[] slots = IntStream.range(from, to).toArray();
			run(i, commands -> commands.sync().clusterAddSlots(slots));
		}
		for (int i = 1; i < 3; i++) {
			int port = ports.get(i);
			run(0, commands -> commands.sync().clusterMeet("127.0.0.1", port));
		}
		await("the cluster's state ok on every node").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> IntStream.range(0, 3).allMatch(i -> {
				String info = run(i, commands -> commands.sync().clusterInfo());
				return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3");
			}));
	}

	/** The nodes, as {@code spring.data.redis.cluster.nodes} takes them. */
	public String nodes() {
		return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/** How many connections are subscribed to the channel, over the whole cluster. */
	public long subscribers(String channel) {
		long sum = 0;
		for (int i = 0; i < 3; i++) {
			sum += run(i, commands -> commands.sync().pubsubNumsub(channel).getOrDefault(channel, 0L));
		}
		return sum;
	}

	/** How many PING commands each node has answered since it started. */
	public List<Long> pings() {
		List<Long> pings = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String stats = run(i, commands -> commands.sync().info("commandstats"));
			java.util.regex.Matcher calls = java.util.regex.Pattern.compile("cmdstat_ping:calls=(\\d+)").matcher(stats);
			pings.add(calls.find() ? Long.parseLong(calls.group(1)) : 0L);
		}
		return pings;
	}

	private <T> T run(int node, java.util.function.Function<StatefulRedisConnection<String, String>, T> command) {
		try (StatefulRedisConnection<String, String> connection = client
			.connect(RedisURI.create("127.0.0.1", ports.get(node)))) {
			return command.apply(connection);
		}
	}

	@Override
	public void close() {
		client.shutdown();
		for (RedisServer server : servers) {
			try {
				server.stop();
			}
			catch (IOException ex) {
				// Stopping the others matters more; the JVM's exit ends this one.
			}
		}
		for (Path dir : directories) {
			try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
				paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ex) {
				// A temporary directory left behind.
			}
		}
	}

	/**
	 * A port free for the node and for its cluster bus, 10,000 above: both below 65,536,
	 * so not from the kernel's ephemeral range (32768 and up here).
	 */
	private static int freePort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 30_000);
			if (free(port) && free(port + 10_000)) {
				return port;
			}
		}
		throw new IOException("No free pair of ports for a Redis Cluster node");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
