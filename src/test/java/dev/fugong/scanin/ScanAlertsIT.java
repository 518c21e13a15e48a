package dev.fugong.scanin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;
import dev.fugong.enterprise.place.domain.CodeFormat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gate alerts by WeChat subscribe message, through the in-process fake: a fever reaches
 * the enterprise's manager and the park's official (not an official of another town),
 * after the scan has been answered, naming the place and the reason but never the person
 * or the temperature; a second fever within the interval spends no second subscription.
 */
@IntegrationTest
// WeChat's messages are held (the fake's /hold) while the test checks the scan was
// answered first; the service's 3 s WeChat timeout would cut a hold short on a slow run.
@TestPropertySource(properties = "fugong.wechat.timeout=30s")
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

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Clock clock;

	@Autowired
	FugongProperties properties;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@AfterEach
	void wechatAnswersAtOnceAgain() {
		hold(false);
	}

	@Test
	void aFeverIsToldToTheManagerAndTheParksOfficialAfterTheScanIsAnswered() {
		UUID enterprise = Requests.createEnterprise(web, tokens.official(), Demo.PARK);
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
		// Everyone the alert goes to: the manager, demo-official, demo-official-2,
		// and any park or district official other tests granted.
		int recipients = enterprises.zonePath(Demo.PARK)
			.flatMap(zones -> users.alertRecipients(enterprise, zones).collectList())
			.block()
			.size();
		assertThat(recipients).isGreaterThanOrEqualTo(3);
		double sentBefore = count("sent");
		double refusedBefore = count("refused");
		double throttledBefore = count("throttled");
		// WeChat is slow: its messages wait until the test lets them through.
		hold(true);

		String scanId = (String) scan(employee(), place, "38.0", "fever-1").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		// Answered while WeChat is still busy with the messages: a scan that waited for
		// them would not be answered until they are let through.
		await("the alert's messages waiting at WeChat").atMost(Duration.ofSeconds(30))
			.until(() -> waitingAtWeChat() >= recipients);
		assertThat(messages(manager, scanId)).isEmpty();
		hold(false);

		List<Map<String, Object>> toManager = awaitMessages(manager, scanId);
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
		assertThat(awaitMessages("demo-official", scanId)).hasSize(1);
		// The meters are the whole service's: an alert of an earlier test still on
		// its way may add to them, never take away.
		await("every recipient tried").atMost(Duration.ofSeconds(30))
			.until(() -> count("sent") - sentBefore + count("refused") - refusedBefore >= recipients);
		assertThat(count("sent") - sentBefore).isGreaterThanOrEqualTo(2);
		// demo-official-2 granted no subscription: WeChat refuses, and that is counted.
		assertThat(count("refused") - refusedBefore).isGreaterThanOrEqualTo(recipients - 2);
		assertThat(messages(townOfficial, scanId)).isEmpty();

		String second = (String) scan(employee(), place, "38.5", "fever-2").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("scanId");
		// Every recipient was tried for the first fever: each is held back once.
		await("every recipient held back").atMost(Duration.ofSeconds(30))
			.until(() -> count("throttled") - throttledBefore >= recipients);
		assertThat(messages(manager, second)).isEmpty();
		assertThat(messages("demo-official", second)).isEmpty();
	}

	@Test
	void aFeverIsToldEvenWhenTheDaysCountsCannotBeWritten() {
		UUID enterprise = Requests.createEnterprise(web, tokens.official(), Demo.PARK);
		UUID place = Requests.createPlace(web, tokens.official(), enterprise, "西门", false);
		String manager = "wx-manager-" + UUID.randomUUID();
		grant(tokens.official(), manager, Map.of("role", "ENTERPRISE_MANAGER", "enterpriseId", enterprise.toString()));
		web.post()
			.uri("/__fake/wechat/subscriptions")
			.bodyValue(Map.of("openid", manager, "templateId", TEMPLATE, "count", 5))
			.exchange()
			.expectStatus()
			.isOk();
		// The enterprise's counts of the day (ScanSignals' key) made unwritable: a string
		// where the counting script increments a hash, so Redis refuses the script.
		String day = LocalDate.now(clock.withZone(properties.scans().zone())).toString();
		String counts = "scan:counts:{" + enterprise + "}:" + day;
		redis.opsForValue().set(counts, "not a hash", Duration.ofMinutes(5));
		try {
			String scanId = (String) scan(employee(), place, "38.2", "fever-uncounted").expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody()
				.get("scanId");
			// The scan is committed and answered; its count failed, and the manager is
			// told
			// all the same.
			assertThat(awaitMessages(manager, scanId)).hasSize(1);
		}
		finally {
			redis.delete(counts);
		}
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

	/** The messages sent to this openid about this scan, once there are any. */
	private List<Map<String, Object>> awaitMessages(String openid, String scanId) {
		return await("a message to " + openid).atMost(Duration.ofSeconds(30))
			.until(() -> messages(openid, scanId), found -> !found.isEmpty());
	}

	/** WeChat's subscribe messages wait while held, and all go through when released. */
	private void hold(boolean held) {
		web.post().uri("/__fake/wechat/hold").bodyValue(Map.of("held", held)).exchange().expectStatus().isOk();
	}

	/** How many subscribe messages wait at WeChat. */
	private int waitingAtWeChat() {
		return (Integer) web.get()
			.uri("/__fake/wechat/hold")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("waiting");
	}

	private double count(String outcome) {
		var counter = meters.find("fugong.alerts.wechat").tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

}
