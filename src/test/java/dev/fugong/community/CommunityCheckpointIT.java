package dev.fugong.community;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.person.PersonService;
import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Residential grid checkpoints (issue 20): a grid official registers a community and its
 * checkpoint and prints the poster; residents scan in and out (both recorded, each
 * direction on its own), checkpoint staff (the grid's official) scan pass codes with
 * temperatures, and the gate rules apply: a fever at 37.5 °C is turned away and the
 * grid's official alerted (live stream and WeChat). Who entered today lists newcomers
 * first. Every endpoint answers 404 for another zone's or an enterprise's ids.
 */
@IntegrationTest
class CommunityCheckpointIT {

	private static final String TEMPLATE = "local-gate-alert";

	private static final RedisScript<Long> NUMSUB = RedisScript.of("return redis.call('PUBSUB', 'NUMSUB', ARGV[1])[2]",
			Long.class);

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	CodeFormat format;

	@Autowired
	PersonService persons;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	private String gridOfficial() {
		return tokens.issue(Demo.GRID_OFFICIAL_USER, Audience.CONSOLE, new Grant(Role.OFFICIAL, Demo.PARK_GRID));
	}

	/** The grid official with the mini-program, keeping a checkpoint. */
	private String gridOfficialAtTheCheckpoint() {
		return tokens.issue(Demo.GRID_OFFICIAL_USER, Audience.MINI_PROGRAM, new Grant(Role.OFFICIAL, Demo.PARK_GRID));
	}

	@Test
	void residentsScanInAndOutAndTheGridOfficialSeesWhoEnteredNewcomersFirst() {
		UUID community = createCommunity(gridOfficial(), Demo.PARK_GRID, "测试小区" + suffix());
		Map<String, Object> checkpoint = addCheckpoint(gridOfficial(), community, "东门卡点", 201);
		UUID place = UUID.fromString((String) checkpoint.get("id"));
		assertThat(checkpoint).containsEntry("communityId", community.toString()).containsEntry("kind", "CHECKPOINT");
		assertThat(checkpoint.get("enterpriseId")).isNull();
		// The poster prints like an enterprise gate's.
		byte[] poster = web.get()
			.uri("/api/v1/places/{id}/poster.pdf", place)
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(new String(poster, 0, 5)).isEqualTo("%PDF-");

		// A resident who has lived here for weeks: first seen 20 days ago.
		Resident settled = resident();
		insertOldScan(settled.person(), place, community, 20);
		// A newcomer scans in with the mini-program, then out: both recorded.
		Resident newcomer = resident();
		Map<String, Object> in = scan(newcomer.token(), place, "36.5", "in-1", null).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(in).containsEntry("decision", "ADMIT").containsEntry("direction", "IN");
		assertThat((Map<String, Object>) in.get("place")).containsEntry("enterpriseName", communityName(community));
		Map<String, Object> out = scan(newcomer.token(), place, null, "out-1", "OUT").expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(out).containsEntry("decision", "ADMIT").containsEntry("direction", "OUT");
		// A retry of the OUT scan is its first answer, not a third row.
		scan(newcomer.token(), place, null, "out-1", "OUT").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.scanId")
			.isEqualTo(out.get("scanId"));
		assertThat(directions(newcomer.person(), place)).containsExactly(false, true);

		// The settled resident comes home later today: checkpoint staff scan its pass
		// code and enter its temperature.
		scanPass(gridOfficialAtTheCheckpoint(), place, passCode(settled.token()), "36.6", "IN").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("ADMIT")
			.jsonPath("$.direction")
			.isEqualTo("IN");

		Map<String, Object> entries = web.get()
			.uri("/api/v1/communities/{id}/entries/today", community)
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		List<Map<String, Object>> items = (List<Map<String, Object>>) entries.get("items");
		// The newcomer first although the settled resident entered later.
		assertThat(items).extracting(item -> item.get("personId"))
			.containsExactly(newcomer.person().toString(), settled.person().toString());
		assertThat(items.get(0)).containsEntry("newcomer", true).containsEntry("lastDirection", "OUT");
		assertThat(items.get(1)).containsEntry("newcomer", false).containsEntry("lastDirection", "IN");
		assertThat((String) items.get(0).get("phone")).contains("****");
		assertThat(entries).containsEntry("newcomers", 1);
		// The park's official screening the newcomer's contacts finds whom it met at the
		// checkpoint.
		List<Map<String, Object>> contacts = (List<Map<String, Object>>) web.post()
			.uri("/api/v1/contact-screenings")
			.headers(h -> h.setBearerAuth(tokens.console(UUID.randomUUID(), Role.OFFICIAL, null, Demo.PARK)))
			.bodyValue(Map.of("phone", newcomer.phone(), "days", 1, "purpose", "CASE_INVESTIGATION"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("contacts");
		assertThat(contacts).extracting(contact -> contact.get("maskedPhone"))
			.contains(settled.phone().substring(0, 3) + "****" + settled.phone().substring(7));
		// Reading who entered is audited.
		assertThat(database.sql("""
				SELECT count(*) FROM audit_event WHERE type = 'COMMUNITY_ENTRIES_READ' AND subject_id = :id
				""").bind("id", community.toString()).map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
	}

	@Test
	void aFeverAtTheCheckpointIsTurnedAwayAndTheGridOfficialAlerted() {
		UUID community = createCommunity(gridOfficial(), Demo.PARK_GRID, "发热小区" + suffix());
		UUID place = UUID.fromString((String) addCheckpoint(gridOfficial(), community, "南门卡点", 201).get("id"));
		web.post()
			.uri("/__fake/wechat/subscriptions")
			.bodyValue(Map.of("openid", "demo-grid-official", "templateId", TEMPLATE, "count", 5))
			.exchange()
			.expectStatus()
			.isOk();
		Resident resident = resident();
		// Another test's service may still be listening on the channel: not ours to wait
		// for.
		long listening = alertSubscribers();

		var alerts = web.get()
			.uri("/api/v1/alerts/stream")
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.filter(event -> event.event() != null)
			.filter(event -> community.toString().equals(event.data().get("enterpriseId")));
		String[] scanId = new String[1];
		StepVerifier.create(alerts.take(1)).then(() -> {
			await("the service listening on the alerts channel").atMost(Duration.ofSeconds(20))
				.until(() -> alertSubscribers() > 0);
			Map<String, Object> answer = scan(resident.token(), place, "37.5", "fever", null).expectStatus()
				.isCreated()
				.expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(answer).containsEntry("decision", "DENY")
				.containsEntry("reasons", List.of("FEVER"))
				.containsEntry("feverClinic", true)
				.containsEntry("passColor", "RED");
			scanId[0] = (String) answer.get("scanId");
		}).assertNext(event -> {
			assertThat(event.event()).isEqualTo("fever");
			assertThat(event.data()).containsEntry("placeName", "南门卡点")
				.containsEntry("zoneId", Demo.PARK_GRID.toString())
				.doesNotContainKey("personId");
		}).expectComplete().verify(Duration.ofSeconds(30));
		// The stream is closed: wait until its Redis subscription is gone too, so that
		// the next test listening on the channel counts only its own.
		await("the alert subscription closed").atMost(Duration.ofSeconds(20))
			.until(() -> alertSubscribers() <= listening);

		List<Map<String, Object>> messages = await("the grid official's WeChat message").atMost(Duration.ofSeconds(30))
			.until(() -> messages("demo-grid-official", scanId[0]), found -> !found.isEmpty());
		assertThat(messages).hasSize(1);
		Map<String, Map<String, String>> data = (Map<String, Map<String, String>>) messages.get(0).get("data");
		assertThat(data.get("thing1").get("value")).startsWith("南门卡点 发热小区");
		assertThat(data.get("phrase3").get("value")).isEqualTo("体温异常");
		assertThat(data.values()).extracting(field -> field.get("value")).noneMatch(value -> value.contains("37.5"));

		// A person with a fever is turned away when going out too, and the direction is
		// kept; checkpoint staff at the same gate see the same rule.
		scanPass(gridOfficialAtTheCheckpoint(), place, passCode(resident.token()), "37.5", "OUT").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision")
			.isEqualTo("DENY")
			.jsonPath("$.reasons[0]")
			.isEqualTo("FEVER")
			.jsonPath("$.direction")
			.isEqualTo("OUT");
	}

	@Test
	void theDemoCommunityIsTheGridOfficials() {
		List<Map<String, Object>> items = (List<Map<String, Object>>) web.get()
			.uri("/api/v1/zones/{id}/communities", Demo.PARK_GRID)
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("items");
		assertThat(items).extracting(item -> item.get("name")).contains("两山秀苑");
		web.get()
			.uri("/api/v1/communities/{id}/places", Demo.LIANGSHAN)
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].id")
			.isEqualTo(Demo.LIANGSHAN_CHECKPOINT.toString());
	}

	@Test
	void anotherZonesAndAnEnterprisesIdsAreNotFoundOnEveryEndpoint() {
		UUID community = createCommunity(gridOfficial(), Demo.PARK_GRID, "范围小区" + suffix());
		UUID place = UUID.fromString((String) addCheckpoint(gridOfficial(), community, "西门卡点", 201).get("id"));
		String town = tokens.townOfficial();
		// The town's official: the park grid's community, checkpoint and zone do not
		// exist for it.
		get(town, "/api/v1/communities/" + community, 404);
		get(town, "/api/v1/communities/" + community + "/places", 404);
		get(town, "/api/v1/communities/" + community + "/entries/today", 404);
		get(town, "/api/v1/communities/" + community + "/scan-counts/today", 404);
		get(town, "/api/v1/zones/" + Demo.PARK_GRID + "/communities", 404);
		get(town, "/api/v1/places/" + place, 404);
		get(town, "/api/v1/places/" + place + "/poster.pdf", 404);
		addCheckpoint(town, community, "冒名卡点", 404);
		web.post()
			.uri("/api/v1/zones/{id}/communities", Demo.PARK_GRID)
			.headers(h -> h.setBearerAuth(town))
			.bodyValue(Map.of("name", "越权小区", "address", "某路 1 号"))
			.exchange()
			.expectStatus()
			.isNotFound();
		scanPass(tokens.issue(UUID.randomUUID(), Audience.MINI_PROGRAM, new Grant(Role.OFFICIAL, Demo.TOWN)), place,
				passCode(resident().token()), null, "IN")
			.expectStatus()
			.isNotFound();
		// And the grid official: the town's community is not found; nor is an
		// enterprise's id taken for a community's, nor a grid official scanning at an
		// enterprise's gate.
		get(gridOfficial(), "/api/v1/communities/" + Demo.TOWN_COMMUNITY, 404);
		get(gridOfficial(), "/api/v1/communities/" + Demo.TOWN_COMMUNITY + "/entries/today", 404);
		get(gridOfficial(), "/api/v1/communities/" + Demo.RUIRUN, 404);
		for (String path : List.of("", "/places", "/entries/today", "/scan-counts/today")) {
			get(gridOfficial(), "/api/v1/communities/" + Demo.RUIRUN + path, 404);
			get(gridOfficial(), "/api/v1/communities/" + Demo.TOWN_COMMUNITY + path, 404);
		}
		get(gridOfficial(), "/api/v1/zones/" + Demo.TOWN + "/communities", 404);
		addCheckpoint(gridOfficial(), Demo.RUIRUN, "冒名卡点", 404);
		scanPass(gridOfficialAtTheCheckpoint(), Requests.createPlace(web, tokens.official(), Demo.RUIRUN, "测试门", false),
				passCode(resident().token()), null, "IN")
			.expectStatus()
			.isNotFound();
		// A manager is no official: refused at the door (403), and its gate staff cannot
		// scan at a checkpoint.
		get(tokens.manager(), "/api/v1/communities/" + community, 403);
		scanPass(tokens.gateStaff(), place, passCode(resident().token()), null, "IN").expectStatus().isNotFound();
		// The park's official oversees the grid below it.
		get(tokens.official(), "/api/v1/communities/" + community, 200);
		get(tokens.admin(), "/api/v1/communities/" + community, 200);
		// A community belongs to a grid; a checkpoint is a CHECKPOINT.
		web.post()
			.uri("/api/v1/zones/{id}/communities", Demo.PARK)
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Map.of("name", "园区小区", "address", "某路 2 号"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("zone_not_a_grid");
		web.post()
			.uri("/api/v1/communities/{id}/places", community)
			.headers(h -> h.setBearerAuth(gridOfficial()))
			.bodyValue(Map.of("name", "门店", "kind", "SHOP"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("kind");
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(resident().token()))
			.bodyValue(Map.of("code", format.place(place, 1), "clientScanId", "bad-direction", "direction", "UP"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private UUID createCommunity(String token, UUID zone, String name) {
		return UUID.fromString((String) web.post()
			.uri("/api/v1/zones/{id}/communities", zone)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("name", name, "address", "高新区创新大道 1 号"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	private String communityName(UUID community) {
		return (String) get(gridOfficial(), "/api/v1/communities/" + community, 200).get("name");
	}

	private Map<String, Object> addCheckpoint(String token, UUID community, String name, int status) {
		return web.post()
			.uri("/api/v1/communities/{id}/places", community)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("name", name, "kind", "CHECKPOINT"))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> get(String token, String path, int status) {
		return web.get()
			.uri(path)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec scan(String token, UUID place, String temperature, String clientScanId,
			String direction) {
		Map<String, Object> body = new HashMap<>();
		body.put("code", format.place(place, 1));
		body.put("clientScanId", clientScanId);
		if (temperature != null) {
			body.put("temperature", new BigDecimal(temperature));
		}
		if (direction != null) {
			body.put("direction", direction);
		}
		return web.post().uri("/api/v1/scans").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec scanPass(String token, UUID place, String passCode, String temperature,
			String direction) {
		Map<String, Object> body = new HashMap<>();
		body.put("passCode", passCode);
		body.put("clientScanId", "pass-" + UUID.randomUUID());
		body.put("direction", direction);
		if (temperature != null) {
			body.put("temperature", new BigDecimal(temperature));
		}
		return web.post()
			.uri("/api/v1/places/{id}/scans", place)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

	private String passCode(String residentToken) {
		return (String) get(residentToken, "/api/v1/me/pass-code", 200).get("code");
	}

	private Resident resident() {
		String token = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		String phone = Requests.phone("136");
		WeChatSignIn.bindPhone(web, token, phone);
		return new Resident(token, persons.findByPhone(phone).block().id(), phone);
	}

	/** The scan's direction (outbound) of each of the person's scans at the place. */
	private List<Boolean> directions(UUID person, UUID place) {
		return database
			.sql("SELECT outbound FROM scan_in WHERE person_id = :p AND place_id = :place ORDER BY scanned_at")
			.bind("p", person)
			.bind("place", place)
			.map(row -> row.get(0, Boolean.class))
			.all()
			.collectList()
			.block();
	}

	/**
	 * A scan-in of the person at the place {@code days} ago, with its day's partition.
	 */
	private void insertOldScan(UUID person, UUID place, UUID community, int days) {
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		LocalDate day = LocalDate.now(zone).minusDays(days);
		database.sql("SELECT ensure_scan_in_partitions(:day, 1, 'Asia/Shanghai')").bind("day", day).then().block();
		database.sql("""
				INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
				                     admitted, reasons, pass_color, fever)
				VALUES (:id, :at, :person, :place, :community, 'old', 'PLACE_CODE', true, '', 'GREEN', false)
				""")
			.bind("id", UUID.randomUUID())
			.bind("at", day.atTime(8, 0).atZone(zone).toInstant())
			.bind("person", person)
			.bind("place", place)
			.bind("community", community)
			.then()
			.block();
	}

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

	private long alertSubscribers() {
		return redis.execute(NUMSUB, List.of(), List.of("scan:alerts")).blockFirst();
	}

	private static String suffix() {
		return Long.toString(Instant.now().toEpochMilli() % 100000);
	}

	record Resident(String token, UUID person, String phone) {
	}

}
