package dev.fugong.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Holds N console sign-in streams open on one running instance, measures the instance's
 * heap with and without them, then confirms every ticket and measures the time from
 * sending the confirm to the {@code confirmed} event arriving on its stream. A benchmark,
 * not a test: it prints figures and asserts nothing. Run through
 * {@code bench/qr-login-streams.sh}, which starts the instance and passes its pid.
 */
public final class QrLoginStreamsBenchmark {

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private QrLoginStreamsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		long serverPid = Long.parseLong(args[1]);
		int streams = Integer.parseInt(args[2]);
		int confirmConcurrency = 32;

		ConnectionProvider pool = ConnectionProvider.builder("bench")
			.maxConnections(streams + 200)
			.pendingAcquireMaxCount(-1)
			.build();
		WebClient web = WebClient.builder()
			.baseUrl(base)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.build();

		String guide = (String) web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", "demo-guide", "audience", "MINI_PROGRAM"))
			.retrieve()
			.bodyToMono(OBJECT)
			.block()
			.get("accessToken");

		long heapBefore = liveHeapBytes(serverPid);
		long rssBefore = rssBytes(serverPid);

		List<Map<String, Object>> tickets = Flux.range(0, streams)
			.flatMap(i -> web.post().uri("/api/v1/auth/qr-login").retrieve().bodyToMono(OBJECT), 64)
			.collectList()
			.block();

		CountDownLatch opened = new CountDownLatch(streams);
		CountDownLatch confirmed = new CountDownLatch(streams);
		Map<String, Long> sentAt = new ConcurrentHashMap<>();
		List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger failures = new AtomicInteger();
		for (Map<String, Object> ticket : tickets) {
			String id = (String) ticket.get("ticket");
			web.get()
				.uri("/api/v1/auth/qr-login/{ticket}/events", id)
				.header("X-Ticket-Secret", (String) ticket.get("secret"))
				.retrieve()
				.bodyToFlux(EVENT)
				.subscribe(event -> {
					if (event.comment() != null && event.event() == null) {
						if (!sentAt.containsKey(id + ":open")) {
							sentAt.put(id + ":open", 0L);
							opened.countDown();
						}
					}
					else if ("confirmed".equals(event.event())) {
						Long start = sentAt.get(id);
						if (start != null) {
							latenciesNanos.add(System.nanoTime() - start);
						}
						confirmed.countDown();
					}
				}, error -> {
					failures.incrementAndGet();
					opened.countDown();
					confirmed.countDown();
				});
		}
		if (!opened.await(60, TimeUnit.SECONDS)) {
			System.out.printf("only %d of %d streams opened within 60 s%n", streams - opened.getCount(), streams);
		}

		long heapWith = liveHeapBytes(serverPid);
		long rssWith = rssBytes(serverPid);

		// One console at a time signs in while the others wait, then the rest in a burst.
		List<Map<String, Object>> quiet = tickets.subList(0, Math.min(200, streams / 10));
		List<Map<String, Object>> burst = tickets.subList(quiet.size(), tickets.size());
		List<Long> quietLatencies = confirmAll(web, guide, quiet, 1, sentAt, latenciesNanos, failures);
		long burstStart = System.nanoTime();
		List<Long> burstLatencies = confirmAll(web, guide, burst, confirmConcurrency, sentAt, latenciesNanos, failures);
		double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
		boolean allConfirmed = confirmed.await(60, TimeUnit.SECONDS);

		System.out.println();
		System.out.println("== QR sign-in streams benchmark ==");
		System.out.printf("streams held open                 %d (failures %d, every stream got its event: %s)%n",
				streams, failures.get(), allConfirmed);
		System.out.printf("server live heap, no streams      %.1f MiB%n", heapBefore / 1048576.0);
		System.out.printf("server live heap, %d streams    %.1f MiB  (%.1f KiB per stream)%n", streams,
				heapWith / 1048576.0, (heapWith - heapBefore) / 1024.0 / streams);
		System.out.printf("server RSS, no streams / streams  %.0f MiB / %.0f MiB%n", rssBefore / 1048576.0,
				rssWith / 1048576.0);
		System.out.printf("one at a time: %4d confirms, confirm -> event  %s%n", quietLatencies.size(),
				summary(quietLatencies));
		System.out.printf(
				"burst, %d at a time: %4d confirms in %.1f s (%.0f/s, each a scan and a confirm), "
						+ "confirm -> event  %s%n",
				confirmConcurrency, burstLatencies.size(), burstSeconds, burstLatencies.size() / burstSeconds,
				summary(burstLatencies));
		pool.disposeLater().block(Duration.ofSeconds(10));
		System.exit(0);
	}

	/**
	 * Scans and confirms each ticket as the guide, {@code concurrency} at a time; the
	 * latencies of the confirmed events that arrived for these tickets, sorted.
	 */
	private static List<Long> confirmAll(WebClient web, String guide, List<Map<String, Object>> tickets,
			int concurrency, Map<String, Long> sentAt, List<Long> latenciesNanos, AtomicInteger failures)
			throws InterruptedException {
		int before = latenciesNanos.size();
		Flux.fromIterable(tickets).flatMap(ticket -> {
			String id = (String) ticket.get("ticket");
			return web.post()
				.uri("/api/v1/auth/qr-login/{ticket}/scan", id)
				.headers(h -> h.setBearerAuth(guide))
				.retrieve()
				.toBodilessEntity()
				.then(Mono.fromRunnable(() -> sentAt.put(id, System.nanoTime())))
				.then(web.post()
					.uri("/api/v1/auth/qr-login/{ticket}/confirm", id)
					.headers(h -> h.setBearerAuth(guide))
					.retrieve()
					.toBodilessEntity())
				.onErrorResume(error -> {
					failures.incrementAndGet();
					return Mono.empty();
				});
		}, concurrency).blockLast();
		// Let the last events arrive.
		for (int i = 0; i < 100 && latenciesNanos.size() - before < tickets.size(); i++) {
			Thread.sleep(50);
		}
		List<Long> sorted;
		synchronized (latenciesNanos) {
			sorted = new ArrayList<>(latenciesNanos.subList(before, latenciesNanos.size()));
		}
		Collections.sort(sorted);
		return sorted;
	}

	private static String summary(List<Long> sorted) {
		return String.format("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", percentile(sorted, 50),
				percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100));
	}

	private static double percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	/**
	 * Heap in use after a full collection, as the JVM's own diagnostic command reports
	 * it.
	 */
	static long liveHeapBytes(long pid) throws IOException, InterruptedException {
		jcmd(pid, "GC.run");
		String info = jcmd(pid, "GC.heap_info");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
		if (!used.find()) {
			throw new IllegalStateException("Unexpected GC.heap_info output: " + info);
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	static long rssBytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
			}
		}
		return -1;
	}

	private static String jcmd(long pid, String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

}
