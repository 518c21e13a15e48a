package dev.fugong.support;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Setting up what a test needs through the API, as a console user would. */
public final class Requests {

	private Requests() {
	}

	/** A new enterprise in the zone ({@link Fixtures#enterprise}); its id. */
	public static UUID createEnterprise(WebTestClient web, String token, UUID zone) {
		return id(web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Fixtures.enterprise(zone))
			.exchange());
	}

	/** A new place of the enterprise; its id. */
	public static UUID createPlace(WebTestClient web, String token, UUID enterprise, String name,
			boolean requiresDynamicCode) {
		return id(web.post()
			.uri("/api/v1/enterprises/{id}/places", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("name", name, "kind", "GATE", "requiresDynamicCode", requiresDynamicCode))
			.exchange());
	}

	/** A printed pass card for a person of the enterprise; the answer. */
	public static Map<String, Object> issuePassCard(WebTestClient web, String token, UUID enterprise, String phone,
			String name) {
		return web.post()
			.uri("/api/v1/enterprises/{id}/pass-cards", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("phone", phone, "name", name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** A random valid mainland mobile number with this three-digit prefix. */
	public static String phone(String prefix) {
		return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	private static UUID id(WebTestClient.ResponseSpec response) {
		return UUID.fromString((String) response.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

}
