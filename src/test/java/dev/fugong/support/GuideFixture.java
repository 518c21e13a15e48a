package dev.fugong.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Guides, reports and problems set up through the API, as officials and guides would. */
public final class GuideFixture {

	private GuideFixture() {
	}

	/** A user signed in on the mini-program for the first time: its id and tokens. */
	public record SignedIn(UUID userId, String accessToken, String refreshToken) {
	}

	@SuppressWarnings("unchecked")
	public static SignedIn signIn(WebTestClient web, String openid) {
		Map<String, Object> answer = WeChatSignIn.signIn(web, openid);
		return new SignedIn(UUID.fromString((String) ((Map<String, Object>) answer.get("user")).get("id")),
				(String) answer.get("accessToken"), (String) answer.get("refreshToken"));
	}

	/** A new user; its id and tokens. */
	public static SignedIn newUser(WebTestClient web) {
		return signIn(web, "wx-guide-" + UUID.randomUUID());
	}

	/** The pair a refresh gives, with the grants the user holds now. */
	@SuppressWarnings("unchecked")
	public static SignedIn refresh(WebTestClient web, SignedIn user) {
		Map<String, Object> answer = web.post()
			.uri("/api/v1/auth/token/refresh")
			.bodyValue(Map.of("refreshToken", user.refreshToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return new SignedIn(user.userId(), (String) answer.get("accessToken"), (String) answer.get("refreshToken"));
	}

	/**
	 * Signs the user in to the console as it would: the console shows a ticket's code,
	 * the user scans and confirms it on the mini-program, the console redeems the ticket.
	 * The console's token pair.
	 */
	public static SignedIn console(WebTestClient web, SignedIn miniProgram) {
		Map<String, Object> ticket = web.post()
			.uri("/api/v1/auth/qr-login")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		for (String step : new String[] { "scan", "confirm" }) {
			web.post()
				.uri("/api/v1/auth/qr-login/{t}/{step}", ticket.get("ticket"), step)
				.headers(h -> h.setBearerAuth(miniProgram.accessToken()))
				.exchange()
				.expectStatus()
				.is2xxSuccessful();
		}
		Map<String, Object> redeemed = web.get()
			.uri("/api/v1/auth/qr-login/{t}", ticket.get("ticket"))
			.header("X-Ticket-Secret", (String) ticket.get("secret"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return new SignedIn(miniProgram.userId(), (String) redeemed.get("accessToken"),
				(String) redeemed.get("refreshToken"));
	}

	/**
	 * A new user made an official of the zone by the district admin; a console token of
	 * its (the official's acts are recorded against a real user).
	 */
	public static String newOfficial(WebTestClient web, TestTokens tokens, UUID zone) {
		UUID user = newUser(web).userId();
		web.post()
			.uri("/api/v1/role-grants")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.bodyValue(Map.of("userId", user.toString(), "role", "OFFICIAL", "zoneId", zone.toString()))
			.exchange()
			.expectStatus()
			.isCreated();
		return tokens.console(user, dev.fugong.shared.security.Role.OFFICIAL, null, zone);
	}

	public static WebTestClient.ResponseSpec assign(WebTestClient web, String officialToken, UUID guide,
			UUID enterprise, String department) {
		return web.post()
			.uri("/api/v1/guide-assignments")
			.headers(h -> h.setBearerAuth(officialToken))
			.bodyValue(Map.of("guideUserId", guide.toString(), "enterpriseId", enterprise.toString(), "department",
					department))
			.exchange();
	}

	/** Stations the guide; the assignment's id. */
	public static UUID assigned(WebTestClient web, String officialToken, UUID guide, UUID enterprise,
			String department) {
		return UUID.fromString((String) assign(web, officialToken, guide, enterprise, department).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	/** A valid report body for today (district time: omitted date). */
	public static Map<String, Object> report(UUID enterprise, int local, int outOfTown) {
		Map<String, Object> body = new HashMap<>();
		body.put("enterpriseId", enterprise.toString());
		body.put("returned", local + outOfTown);
		body.put("planned", local + outOfTown + 10);
		body.put("local", local);
		body.put("outOfTown", outOfTown);
		body.put("inObservation", 2);
		body.put("notes", "返岗有序");
		return body;
	}

	public static WebTestClient.ResponseSpec file(WebTestClient web, String guideToken, Map<String, Object> report) {
		return web.post()
			.uri("/api/v1/guide-reports")
			.headers(h -> h.setBearerAuth(guideToken))
			.bodyValue(report)
			.exchange();
	}

	public static WebTestClient.ResponseSpec problem(WebTestClient web, String token, UUID enterprise, String category,
			String description) {
		return web.post()
			.uri("/api/v1/problems")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("enterpriseId", enterprise.toString(), "category", category, "description", description))
			.exchange();
	}

	/** A problem reported; its id. */
	public static UUID problemId(WebTestClient web, String token, UUID enterprise, String category) {
		return UUID.fromString((String) problem(web, token, enterprise, category, "困难：" + category).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	public static WebTestClient.ResponseSpec move(WebTestClient web, String token, UUID problem, String status,
			String answer) {
		Map<String, Object> body = new HashMap<>();
		body.put("status", status);
		if (answer != null) {
			body.put("answer", answer);
		}
		return web.patch()
			.uri("/api/v1/problems/{id}", problem)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

}
