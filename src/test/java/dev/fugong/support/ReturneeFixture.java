package dev.fugong.support;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.fugong.shared.validation.IdNumber;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Returnees set up through the API, as a manager would. */
public final class ReturneeFixture {

	private ReturneeFixture() {
	}

	/** A valid 18-character ID number (a 1990s birth date, a right check character). */
	public static String idNumber() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String first17 = "500227" + (1970 + random.nextInt(30))
				+ String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
				+ String.format("%03d", random.nextInt(1000));
		return first17 + IdNumber.checkCharacter(first17);
	}

	public static Map<String, Object> body(UUID enterprise, String phone, String origin, Instant departed,
			Instant arrived, Instant expected) {
		Map<String, Object> body = new HashMap<>();
		body.put("phone", phone);
		body.put("name", "张三丰");
		body.put("idNumber", idNumber());
		body.put("enterpriseId", enterprise);
		body.put("originRegion", origin);
		body.put("departedAt", departed.toString());
		if (arrived != null) {
			body.put("arrivedAt", arrived.toString());
		}
		if (expected != null) {
			body.put("expectedArrivalAt", expected.toString());
		}
		body.put("transport", "TRAIN");
		body.put("travel", List.of());
		return body;
	}

	public static WebTestClient.ResponseSpec register(WebTestClient web, String token, Map<String, Object> body) {
		return web.post().uri("/api/v1/returnees").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
	}

	/** Records a nucleic-acid test taken ten minutes ago. */
	public static void addTest(WebTestClient web, String token, Object returneeId, String result) {
		web.post()
			.uri("/api/v1/returnees/{id}/tests", returneeId)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("takenAt", Instant.now().minusSeconds(600).toString(), "result", result))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	public static Map<String, Object> registered(WebTestClient web, String token, Map<String, Object> body) {
		return register(web, token, body).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

}
