package dev.fugong.shared.problem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of failure a client can meet answers as an RFC 9457 problem with a stable
 * code, and none leaks a stack trace.
 */
@IntegrationTest
class ProblemResponsesIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void malformedJson() {
		problem(web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"x\",")
			.exchange(), 400, "malformed_request");
	}

	@Test
	void aValueOfTheWrongTypeNamesTheFieldWithoutEchoingIt() {
		var body = web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"industry\": \"<script>alert(1)</script>\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"field\":\"industry\"").doesNotContain("script");
	}

	@Test
	void unknownRoute() {
		problem(web.get().uri("/api/v1/no-such-thing").headers(h -> h.setBearerAuth(tokens.admin())).exchange(), 404,
				"not_found");
	}

	@Test
	void wrongMethod() {
		problem(web.delete()
			.uri("/api/v1/enterprises/{id}", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 405, "method_not_allowed");
	}

	@Test
	void wrongMediaType() {
		problem(web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("name=x")
			.exchange(), 415, "unsupported_media_type");
	}

	@Test
	void bodyOverTheLimitWithContentLength() {
		String huge = "{\"name\":\"" + "x".repeat(300 * 1024) + "\"}";
		problem(web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(huge)
			.exchange(), 413, "payload_too_large");
	}

	@Test
	void missingToken() {
		problem(web.get()
			.uri("/api/v1/enterprises")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), 401, "unauthorized");
	}

	@Test
	void badToken() {
		problem(web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth("not.a.token"))
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""), 401, "invalid_token");
	}

	@Test
	void forbiddenRole() {
		problem(web.get()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.console(Demo.EMPLOYEE_USER, Role.EMPLOYEE, Demo.RUIRUN, null)))
			.exchange(), 403, "forbidden");
	}

	@Test
	void notFound() {
		problem(web.get()
			.uri("/api/v1/enterprises/{id}", "00000000-0000-7000-8000-00000000ffff")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 404, "not_found");
	}

	@Test
	void anIdThatIsNotAUuidIsABadRequest() {
		problem(web.get()
			.uri("/api/v1/enterprises/{id}", "not-a-uuid")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 400, "malformed_request");
	}

	@Test
	void aPathTheFirewallRefusesIsABadRequestProblem() {
		problem(web.get()
			.uri("/api/v1/enterprises/{id}", "42; DROP TABLE enterprise")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 400, "malformed_request");
	}

	/**
	 * A blank id converts to null, which Spring reports as a missing path variable, a
	 * server error by default: it was a 500 on every endpoint with an id.
	 */
	@Test
	void aBlankIdIsABadRequestLikeAnyIdThatIsNotAUuid() {
		Map<String, Object> problem = problem(
				web.get().uri("/api/v1/enterprises/{id}", " ").headers(h -> h.setBearerAuth(tokens.admin())).exchange(),
				400, "malformed_request");
		assertThat(problem).containsEntry("detail", "Parameter 'id' is missing or invalid.");
		for (String path : List.of("/api/v1/places/{id}", "/api/v1/pass-cards/{id}")) {
			problem(web.delete().uri(path, "  ").headers(h -> h.setBearerAuth(tokens.admin())).exchange(), 400,
					"malformed_request");
		}
		problem(web.patch()
			.uri("/api/v1/places/{id}", " ")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("name", "东门"))
			.exchange(), 400, "malformed_request");
	}

	@Test
	void outOfRangeQueryParameters() {
		Map<String, Object> problem = problem(web.get()
			.uri("/api/v1/enterprises?size=100000&batch=7")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 400, "validation_failed");
		assertThat(fields(problem)).containsExactlyInAnyOrder("size", "batch");
	}

	@Test
	void unknownEnumInQuery() {
		Map<String, Object> problem = problem(web.get()
			.uri("/api/v1/enterprises?plate=PURPLE")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange(), 400, "validation_failed");
		assertThat(fields(problem)).containsExactly("plate");
	}

	static java.util.List<Object> fields(Map<String, Object> problem) {
		return ((java.util.List<?>) problem.get("errors")).stream()
			.map(error -> ((Map<String, Object>) error).get("field"))
			.toList();
	}

	static Map<String, Object> problem(WebTestClient.ResponseSpec response, int status, String code) {
		Map<String, Object> problem = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("status", status)
			.containsEntry("code", code)
			.containsKeys("type", "title", "detail")
			.doesNotContainKeys("trace", "exception", "stackTrace");
		assertThat((String) problem.get("type")).startsWith("https://fugong.dev/problems/");
		assertThat(problem.toString()).doesNotContain("at dev.fugong", "Exception");
		return problem;
	}

}
