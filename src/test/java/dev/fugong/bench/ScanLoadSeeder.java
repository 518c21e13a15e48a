package dev.fugong.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Seeds the scan-in load benchmark through the running service's own API, as the
 * mini-program and the console would: {@code persons} people who signed in with WeChat
 * (the in-process fake) and bound a phone, and {@code places} places of the first demo
 * enterprise. Writes their access tokens and place code URLs, one a line, for wrk.
 */
public final class ScanLoadSeeder {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final String RUIRUN = "00000000-0000-7000-8000-000000000101";

	private ScanLoadSeeder() {
	}

	public static void main(String[] args) throws Exception {
		String base = args[0];
		int persons = Integer.parseInt(args[1]);
		int places = Integer.parseInt(args[2]);
		Path out = Path.of(args[3]);
		Files.createDirectories(out);
		WebClient web = WebClient.builder()
			.baseUrl(base)
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(ConnectionProvider.builder("seed").maxConnections(64).build())))
			.build();

		String manager = (String) post(web, "/__dev/tokens", null,
				Map.of("openid", "demo-manager", "audience", "CONSOLE"))
			.block()
			.get("accessToken");
		List<String> codes = Flux.range(0, places)
			.flatMap(i -> post(web, "/api/v1/enterprises/" + RUIRUN + "/places", manager,
					Map.of("name", "压测门 " + i, "kind", "GATE"))
				.flatMap(place -> web.get()
					.uri("/api/v1/places/{id}/qrcode?format=json", place.get("id"))
					.headers(h -> h.setBearerAuth(manager))
					.retrieve()
					.bodyToMono(OBJECT))
				.map(code -> (String) code.get("content")), 8)
			.collectList()
			.block();
		Files.write(out.resolve("codes.txt"), codes);

		AtomicInteger done = new AtomicInteger();
		long stamp = System.currentTimeMillis() % 100_000;
		List<String> tokens = Flux.range(0, persons).flatMap(i -> {
			String openid = "load-" + stamp + "-" + i;
			String phone = String.format("139%08d", (stamp * 10_000 + i) % 100_000_000);
			return post(web, "/__fake/wechat/login-codes", null, Map.of("openid", openid))
				.flatMap(code -> post(web, "/api/v1/auth/wechat/login", null, Map.of("code", code.get("code"))))
				.map(signedIn -> (String) signedIn.get("accessToken"))
				.flatMap(token -> post(web, "/__fake/wechat/phone-codes", null, Map.of("phone", phone))
					.flatMap(code -> post(web, "/api/v1/auth/wechat/phone", token, Map.of("code", code.get("code"))))
					.thenReturn(token))
				.doOnNext(token -> {
					if (done.incrementAndGet() % 2000 == 0) {
						System.out.println("  " + done.get() + " persons signed in with a bound phone");
					}
				});
		}, 32).collectList().block();
		Files.write(out.resolve("tokens.txt"), tokens);
		System.out.printf("seeded %d persons and %d places into %s%n", tokens.size(), codes.size(), out);
		System.exit(0);
	}

	private static Mono<Map<String, Object>> post(WebClient web, String path, String token, Map<String, ?> body) {
		return web.post().uri(path).headers(h -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).bodyValue(body).retrieve().bodyToMono(OBJECT);
	}

}
