package dev.fugong.scanin;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;
import dev.fugong.enterprise.place.domain.CodeFormat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gate alerts by WeChat subscribe message, through the in-process fake: a fever reaches
 * the enterprise's manager and the park's official (not an official of another town),
 * after the scan has been answered, naming the place and the reason but never the person
 * or the temperature; a second fever within the interval spends no second subscription.
 */
@IntegrationTest
class ScanAlertsIT {

	private static final String TEMPLATE = "local-gate-alert";

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	MeterRegistry meters;

	@Autowired
	UserDirectory users;

	@Autowired
	EnterpriseService enterprises;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@AfterEach
	void wechatAnswersAtOnceAgain() {
		latency(0);
	}

	@Test
	void aFeverIsToldToTheManagerAndTheParksOfficialAfterTheScanIsAnswered() throws InterruptedException {
		UUID enterprise = UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Fixtures.enterprise(Demo.PARK))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
		UUID place = Requests.createPlace(web, tokens.official(), enterprise, "北门", false);
		String manager = "wx-manager-" + UUID.randomUUID();
		grant(tokens.official(), manager, Map.of("role", "ENTERPRISE_MANAGER", "enterpriseId", enterprise.toString()));
		String townOfficial = "wx-town-" + UUID.randomUUID();
		grant(tokens.admin(), townOfficial, Map.of("role", "OFFICIAL", "zoneId", Demo.TOWN.toString()));
		for (String openid : List.of(manager, "demo-official", townOfficial)) {
			web.post()
				.uri("/__fake/wechat/subscriptions")
				.bodyValue(Map.of("openid", openid, "templateId", TEMPLATE, "count", 5))
				.exchange()
				.expectStatus()
				.isOk();
		}
		// Everyone the alert goes to: the manager, demo-official, demo-official-2, and
		// any
		// park or district official other tests granted.
		int recipients = enterprises.zonePath(Demo.PARK)
			.flatMap(zones -> users.alertRecipients(enterprise, zones).collectList())
			.block()
			.size();
		assertThat(recipients).isGreaterThanOrEqualTo(3);
		double sentBefore = count("sent");
		double refusedBefore = count("refused");
		double throttledBefore = count("throttled");
		latency(1500);

		String scanId = (String) scan(employee(), place, "38.0", "fever-1").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		// Answered while WeChat is still busy with the message.
		assertThat(messages(manager, scanId)).isEmpty();

		List<Map<String, Object>> toManager = await(manager, scanId);
		assertThat(toManager).hasSize(1);
		Map<String, Object> message = toManager.get(0);
		assertThat(message).containsEntry("template_id", TEMPLATE);
		Map<String, Map<String, String>> data = (Map<String, Map<String, String>>) message.get("data");
		// The place first, then as much of the enterprise name as fits in 20 characters.
		assertThat(data.get("thing1").get("value")).startsWith("北门 测试企业").hasSizeLessThanOrEqualTo(20);
		assertThat(data.get("phrase3").get("value")).isEqualTo("体温异常");
		assertThat(data.get("thing4").get("value")).isEqualTo("体温≥37.3℃");
		// No temperature (38.0 was measured) and no person in any field.
		assertThat(data.values()).extracting(field -> field.get("value")).noneMatch(value -> value.contains("38.0"));
		assertThat(message).containsOnlyKeys("touser", "template_id", "page", "data", "sentAt");
		assertThat(await("demo-official", scanId)).hasSize(1);
		// The meters are the whole service's: an alert of an earlier test still on its
		// way
		// may add to them, never take away.
		awaitCount(() -> count("sent") - sentBefore + count("refused") - refusedBefore, recipients);
		assertThat(count("sent") - sentBefore).isGreaterThanOrEqualTo(2);
		// demo-official-2 granted no subscription: WeChat refuses, and that is counted.
		assertThat(count("refused") - refusedBefore).isGreaterThanOrEqualTo(recipients - 2);
		assertThat(messages(townOfficial, scanId)).isEmpty();

		latency(0);
		String second = (String) scan(employee(), place, "38.5", "fever-2").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		// Every recipient was tried for the first fever: each is held back once.
		awaitCount(() -> count("throttled") - throttledBefore, recipients);
		assertThat(count("throttled") - throttledBefore).isGreaterThanOrEqualTo(recipients);
		assertThat(messages(manager, second)).isEmpty();
		assertThat(messages("demo-official", second)).isEmpty();
	}

	private void grant(String granterToken, String openid, Map<String, String> grant) {
		Map<String, Object> signedIn = WeChatSignIn.signIn(web, openid);
		String userId = (String) ((Map<String, Object>) signedIn.get("user")).get("id");
		Map<String, String> body = new java.util.HashMap<>(grant);
		body.put("userId", userId);
		web.post()
			.uri("/api/v1/role-grants")
			.headers(h -> h.setBearerAuth(granterToken))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private String employee() {
		return WeChatSignIn.employee(web, "137");
	}

	private WebTestClient.ResponseSpec scan(String token, UUID place, String temperature, String clientScanId) {
		return web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("code", format.place(place, 1), "temperature", new BigDecimal(temperature),
					"clientScanId", clientScanId))
			.exchange();
	}

	/** The messages sent to this openid about this scan. */
	private List<Map<String, Object>> messages(String openid, String scanId) {
		return web.get()
			.uri("/__fake/wechat/messages?openid={openid}", openid)
			.exchange()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody()
			.stream()
			.filter(message -> String.valueOf(message.get("page")).endsWith("scanId=" + scanId))
			.toList();
	}

	private List<Map<String, Object>> await(String openid, String scanId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<Map<String, Object>> found = messages(openid, scanId);
		while (found.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
			found = messages(openid, scanId);
		}
		return found;
	}

	private static void awaitCount(java.util.function.DoubleSupplier count, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (count.getAsDouble() < expected && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	private void latency(long millis) {
		web.post().uri("/__fake/wechat/latency").bodyValue(Map.of("millis", millis)).exchange().expectStatus().isOk();
	}

	private double count(String outcome) {
		var counter = meters.find("fugong.alerts.wechat").tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

}
