package dev.fugong.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The client of bench/trajectory.sh, over loopback HTTP with the demo official's token:
 * {@code query PERSONS CLIENTS WARMUP SECONDS} trajectory queries for random seeded
 * phones from CLIENTS threads, printing p50/p99 and queries per second of the measured
 * part; {@code screen PERSONS N} N contact screenings of random persons one at a time;
 * {@code enterprise ID} the one-click screening of the enterprise, timed from the POST to
 * its DONE state.
 */
public final class TrajectoryBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private TrajectoryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String token = token(base);
		switch (args[1]) {
			case "query" -> query(base, token, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
					Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			case "screen" -> screen(base, token, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
			case "enterprise" -> enterprise(base, token, args[2]);
			default -> throw new IllegalArgumentException(args[1]);
		}
		System.exit(0);
	}

	static String token(String base) throws Exception {
		HttpResponse<String> response = HTTP.send(
				post(base + "/__dev/tokens", null,
						JSON.writeValueAsString(Map.of("openid", "demo-official", "audience", "CONSOLE"))),
				HttpResponse.BodyHandlers.ofString());
		return (String) JSON.readValue(response.body(), Map.class).get("accessToken");
	}

	static HttpRequest post(String url, String token, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.build();
	}

	static String randomPhone(int persons) {
		return String.valueOf(TrajectorySeeder.FIRST_PHONE + ThreadLocalRandom.current().nextInt(persons));
	}

	static void query(String base, String token, int persons, int clients, int warmup, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
		long end = warmEnd + seconds * 1_000_000_000L;
		AtomicLong errors = new AtomicLong();
		AtomicLong visits = new AtomicLong();
		AtomicLong made = new AtomicLong();
		List<Future<List<Long>>> futures = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				List<Long> times = new ArrayList<>();
				while (System.nanoTime() < end) {
					String body = "{\"phone\":\"" + randomPhone(persons)
							+ "\",\"days\":14,\"purpose\":\"CASE_INVESTIGATION\"}";
					long start = System.nanoTime();
					HttpResponse<String> response = HTTP.send(post(base + "/api/v1/trajectory-queries", token, body),
							HttpResponse.BodyHandlers.ofString());
					long took = System.nanoTime() - start;
					made.incrementAndGet();
					if (start >= warmEnd) {
						if (response.statusCode() != 200) {
							errors.incrementAndGet();
						}
						else {
							times.add(took);
							visits.addAndGet(response.body().split("\"placeName\"", -1).length - 1);
						}
					}
				}
				return times;
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> future : futures) {
			all.addAll(future.get());
		}
		pool.shutdown();
		Collections.sort(all);
		System.out.printf(
				"trajectory queries, %d clients, %d s measured: %,d answered (%.0f/s), %d errors, p50 %.1f ms, "
						+ "p90 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f visits per answer%n",
				clients, seconds, all.size(), all.size() / (double) seconds, errors.get(), ms(all, 0.50), ms(all, 0.90),
				ms(all, 0.99), all.isEmpty() ? 0 : all.get(all.size() - 1) / 1e6,
				all.isEmpty() ? 0 : visits.get() / (double) all.size());
		// Read by bench/trajectory.sh to divide the CPU used by the queries made.
		System.out.printf("queries made: %d%n", made.get());
	}

	static void screen(String base, String token, int persons, int count) throws Exception {
		List<Long> times = new ArrayList<>();
		long contacts = 0;
		for (int i = 0; i < count * 2; i++) {
			String body = "{\"phone\":\"" + randomPhone(persons)
					+ "\",\"days\":14,\"windowMinutes\":30,\"purpose\":\"CASE_INVESTIGATION\"}";
			long start = System.nanoTime();
			HttpResponse<String> response = HTTP.send(post(base + "/api/v1/contact-screenings", token, body),
					HttpResponse.BodyHandlers.ofString());
			long took = System.nanoTime() - start;
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + " " + response.body());
			}
			if (i >= count) {
				times.add(took);
				contacts += response.body().split("\"maskedPhone\"", -1).length - 1;
			}
		}
		Collections.sort(times);
		System.out.printf(
				"contact screenings of one person (14 days, ±30 min), one at a time, %d after %d warm-up: p50 %.0f ms, "
						+ "p90 %.0f ms, p99 %.0f ms, max %.0f ms; %.0f contacts per person on average%n",
				count, count, ms(times, 0.5), ms(times, 0.9), ms(times, 0.99), times.get(times.size() - 1) / 1e6,
				contacts / (double) count);
	}

	static void enterprise(String base, String token, String enterpriseId) throws Exception {
		String body = "{\"enterpriseId\":\"" + enterpriseId
				+ "\",\"days\":14,\"windowMinutes\":30,\"purpose\":\"CASE_INVESTIGATION\"}";
		long start = System.nanoTime();
		HttpResponse<String> response = HTTP.send(post(base + "/api/v1/contact-screenings", token, body),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		String id = (String) JSON.readValue(response.body(), Map.class).get("screeningId");
		Map<String, Object> screening = await().pollInterval(Duration.ofMillis(100))
			.atMost(Duration.ofMinutes(30))
			.until(() -> JSON
				.readValue(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/contact-screenings/" + id))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString()).body(), Map.class),
					answer -> !"RUNNING".equals(answer.get("state")));
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("one-click screening of %s: %s, %s, %d contacts, %.1f s from the POST to the result%n",
				enterpriseId, screening.get("state"), screening.get("progress"),
				((List<?>) screening.get("contacts")).size(), seconds);
	}

	private static double ms(List<Long> sorted, double quantile) {
		if (sorted.isEmpty()) {
			return 0;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * quantile))) / 1e6;
	}

}
