package dev.fugong.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The scan-in load of bench/cluster.sh, as gate phones make it: each of {@code clients}
 * phones posts a scan with a fresh {@code clientScanId} and, when the answer is not a 201
 * or 200 (a 503, a 409 "in progress", a gateway error, a broken connection), posts the
 * same scan again after Retry-After (at most a second here), as the mini-program does,
 * until it is acknowledged or the run's grace period ends.
 * <p>
 * Writes every attempt ({@code attempts.csv}: start and end in epoch ms, status, whether
 * Retry-After was given, the clientScanId) and every acknowledged scan
 * ({@code acked.csv}: clientScanId, scan id, status), so that the script can check the
 * acknowledgements against the database's rows and the answers against the faults' times.
 * <p>
 * Usage:
 * {@code ClusterLoad <base url> <seed dir> <clients> <seconds> <run id> <out dir>}, then
 * {@code ClusterLoad report <out dir> <events file>} for the answers around each fault
 * (the events file: one line per fault, its name, start and end in epoch ms).
 */
public final class ClusterLoad {

	/** Status recorded for an attempt that got no HTTP answer at all. */
	private static final int NO_ANSWER = 0;

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	/** How long after the run's end an unacknowledged scan is still retried. */
	private static final Duration GRACE = Duration.ofSeconds(30);

	private ClusterLoad() {
	}

	record Attempt(long start, long end, int status, boolean retryAfter, String clientScanId) {
	}

	record Acked(String clientScanId, String scanId, int status) {
	}

	public static void main(String[] args) throws IOException {
		if (args[0].equals("report")) {
			report(Path.of(args[1]), Path.of(args[2]));
			return;
		}
		String base = args[0];
		Path seed = Path.of(args[1]);
		int clients = Integer.parseInt(args[2]);
		Duration duration = Duration.ofSeconds(Long.parseLong(args[3]));
		String run = args[4];
		Path out = Path.of(args[5]);
		List<String> tokens = Files.readAllLines(seed.resolve("tokens.txt"));
		List<String> codes = Files.readAllLines(seed.resolve("codes.txt"));

		HttpClient http = HttpClient
			.create(ConnectionProvider.builder("cluster-load")
				.maxConnections(clients)
				.pendingAcquireMaxCount(-1)
				.maxIdleTime(Duration.ofSeconds(20))
				.build())
			.baseUrl(base)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
			.responseTimeout(ANSWER_TIMEOUT);
		List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
		List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
		long end = System.currentTimeMillis() + duration.toMillis();
		long giveUp = end + GRACE.toMillis();
		AtomicLong unacked = new AtomicLong();

		Flux.range(0, clients).flatMap(phone -> {
			AtomicLong counter = new AtomicLong();
			return Mono.defer(() -> {
				String clientScanId = run + "-" + phone + "-" + counter.incrementAndGet();
				String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
				String body = String.format(Locale.ROOT,
						"{\"code\":\"%s\",\"temperature\":%.1f,\"clientScanId\":\"%s\"}",
						codes.get(ThreadLocalRandom.current().nextInt(codes.size())),
						36.0 + ThreadLocalRandom.current().nextInt(10) / 10.0, clientScanId);
				return scan(http, token, body, clientScanId, attempts, acked, giveUp).doOnNext(done -> {
					if (!done) {
						unacked.incrementAndGet();
					}
				});
			}).repeat(() -> System.currentTimeMillis() < end).then();
		}, clients).blockLast();

		Files.createDirectories(out);
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("attempts.csv")))) {
			synchronized (attempts) {
				for (Attempt a : attempts) {
					writer.printf("%d,%d,%d,%d,%s%n", a.start, a.end, a.status, a.retryAfter ? 1 : 0, a.clientScanId);
				}
			}
		}
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out.resolve("acked.csv")))) {
			synchronized (acked) {
				for (Acked a : acked) {
					writer.printf("%s,%s,%d%n", a.clientScanId, a.scanId, a.status);
				}
			}
		}
		System.out.printf("load: %d attempts, %d scans acknowledged, %d given up unacknowledged%n", attempts.size(),
				acked.size(), unacked.get());
		// Its own CPU, for the script's account of where the machine's cores went.
		System.out.printf(Locale.ROOT, "cpu_s=%.1f%n",
				ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0);
		System.exit(0);
	}

	/**
	 * One scan, retried until acknowledged or {@code giveUp}: true when acknowledged.
	 */
	private static Mono<Boolean> scan(HttpClient http, String token, String body, String clientScanId,
			List<Attempt> attempts, List<Acked> acked, long giveUp) {
		long start = System.currentTimeMillis();
		return http.headers(h -> h.set("Authorization", "Bearer " + token).set("Content-Type", "application/json"))
			.post()
			.uri("/api/v1/scans")
			.send(ByteBufFlux.fromString(Mono.just(body)))
			.responseSingle((response, content) -> content.asString()
				.defaultIfEmpty("")
				.map(text -> new Answer(response.status().code(), response.responseHeaders().get("Retry-After"), text)))
			.onErrorResume(error -> Mono.just(new Answer(NO_ANSWER, null, error.getClass().getSimpleName())))
			.flatMap(answer -> {
				attempts.add(new Attempt(start, System.currentTimeMillis(), answer.status, answer.retryAfter != null,
						clientScanId));
				if (answer.status == 201 || answer.status == 200) {
					acked.add(new Acked(clientScanId, scanId(answer.body), answer.status));
					return Mono.just(true);
				}
				if (answer.status >= 400 && answer.status < 500 && answer.status != 409 && answer.status != 429) {
					// The client's own mistake: a retry would get the same answer.
					return Mono.just(false);
				}
				if (System.currentTimeMillis() > giveUp) {
					return Mono.just(false);
				}
				long wait = Math.min(1000, answer.retryAfter == null ? 200 : Long.parseLong(answer.retryAfter) * 1000);
				return Mono.delay(Duration.ofMillis(wait))
					.then(Mono.defer(() -> scan(http, token, body, clientScanId, attempts, acked, giveUp)));
			});
	}

	/**
	 * For each fault: the answers to the attempts made while it lasted, by kind; the
	 * slowest 503 (the goal: within 2 s, with Retry-After); and when the last failed
	 * attempt begun during it or in the 30 s after (and answered before the next fault
	 * began) ended, counted from the fault's start: the time the service took to answer
	 * normally again.
	 */
	static void report(Path out, Path events) throws IOException {
		List<Attempt> attempts = new ArrayList<>();
		for (String line : Files.readAllLines(out.resolve("attempts.csv"))) {
			String[] f = line.split(",");
			attempts.add(new Attempt(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]),
					f[3].equals("1"), f[4]));
		}
		System.out.printf("%-28s %8s %9s %6s %6s %6s %8s %9s %10s%n", "fault", "lasted_s", "attempts", "acked", "503",
				"503_RA", "other", "503_max_s", "recover_s");
		List<String[]> faults = Files.readAllLines(events)
			.stream()
			.map(line -> line.trim().split("\\s+"))
			.filter(f -> f.length >= 3)
			.sorted(Comparator.comparingLong(f -> Long.parseLong(f[1])))
			.toList();
		for (int i = 0; i < faults.size(); i++) {
			String[] f = faults.get(i);
			long start = Long.parseLong(f[1]);
			long end = Long.parseLong(f[2]);
			// Failures after the fault count towards its recovery for 30 s, and only
			// those answered before the next fault began.
			long next = i + 1 < faults.size() ? Long.parseLong(faults.get(i + 1)[1]) : Long.MAX_VALUE;
			int total = 0;
			int ok = 0;
			int unavailable = 0;
			int withRetryAfter = 0;
			int other = 0;
			long slowest503 = 0;
			long lastFailure = start;
			for (Attempt a : attempts) {
				boolean failed = a.status != 201 && a.status != 200;
				if (failed && a.start >= start && a.start <= end + 30_000 && a.end < next) {
					lastFailure = Math.max(lastFailure, a.end);
				}
				if (a.start < start || a.start > end) {
					continue;
				}
				total++;
				if (!failed) {
					ok++;
				}
				else if (a.status == 503) {
					unavailable++;
					withRetryAfter += a.retryAfter ? 1 : 0;
					slowest503 = Math.max(slowest503, a.end - a.start);
				}
				else {
					other++;
				}
			}
			System.out.printf(Locale.ROOT, "%-28s %8.1f %9d %6d %6d %6d %8d %9.2f %10.1f%n", f[0],
					(end - start) / 1000.0, total, ok, unavailable, withRetryAfter, other, slowest503 / 1000.0,
					(lastFailure - start) / 1000.0);
		}
		Map<Integer, Integer> statuses = new TreeMap<>();
		attempts.forEach(a -> statuses.merge(a.status, 1, Integer::sum));
		System.out.println("all attempts by status (0: no HTTP answer): " + statuses);
	}

	/** The {@code scanId} of a scan's answer, read without a JSON library: one field. */
	private static String scanId(String body) {
		int at = body.indexOf("\"scanId\":\"");
		return at < 0 ? "" : body.substring(at + 10, body.indexOf('"', at + 10));
	}

	private record Answer(int status, String retryAfter, String body) {
	}

}
