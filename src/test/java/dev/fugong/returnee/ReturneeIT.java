package dev.fugong.returnee;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import dev.fugong.shared.retention.Purge;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.Json;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;
import dev.fugong.support.WeChatSignIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static dev.fugong.support.ReturneeFixture.body;
import static dev.fugong.support.ReturneeFixture.register;
import static dev.fugong.support.ReturneeFixture.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Returnees as managers, guides, officials and employees meet them, against real
 * PostgreSQL and Redis: registration and its checks, scope by list, id and export,
 * exports read back, health reports and their alert, staff-sheet imports good and bad.
 */
@dev.fugong.support.IntegrationTest
class ReturneeIT {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	@Autowired
	List<Purge> purges;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	Instant now() {
		return Instant.now();
	}

	@Test
	void aManagerRegistersUpToTwoDaysAheadAndBadFieldsAreRefusedByName() {
		LocalDate today = LocalDate.now(SHANGHAI);
		Instant inTwoDays = today.plusDays(2).atTime(20, 0).atZone(SHANGHAI).toInstant();
		Map<String, Object> expected = registered(web, tokens.manager(),
				body(Demo.RUIRUN, Requests.phone("137"), "440300", now().minus(Duration.ofDays(1)), null, inTwoDays));
		assertThat(expected).containsEntry("status", "EXPECTED");

		Instant inThreeDays = today.plusDays(3).atTime(0, 0).atZone(SHANGHAI).toInstant();
		refused(body(Demo.RUIRUN, Requests.phone("137"), "440300", now(), null, inThreeDays), "expectedArrivalAt");
		Map<String, Object> badId = body(Demo.RUIRUN, Requests.phone("137"), "440300", now().minus(Duration.ofDays(1)),
				now(), null);
		String id = (String) badId.get("idNumber");
		badId.put("idNumber", id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
		refused(badId, "idNumber");
		refused(body(Demo.RUIRUN, "12345", "440300", now().minus(Duration.ofDays(1)), now(), null), "phone");
		refused(body(Demo.RUIRUN, Requests.phone("137"), "999999", now().minus(Duration.ofDays(1)), now(), null),
				"originRegion");
		// 重庆市 itself: not from outside the city.
		refused(body(Demo.RUIRUN, Requests.phone("137"), "500103", now().minus(Duration.ofDays(1)), now(), null),
				"originRegion");
	}

	@Test
	void aReturneeDeclaresItselfFromTheMiniProgramForItsEmployerOnly() {
		// A person of 瑞润电子's staff list (registered by the manager) signs in and binds
		// its phone.
		String phone = Requests.phone("133");
		registered(web, tokens.manager(), body(Demo.RUIRUN, phone, "440300", now().minus(Duration.ofDays(40)),
				now().minus(Duration.ofDays(30)), null));
		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		WeChatSignIn.bindPhone(web, employee, phone);
		Map<String, Object> trip = body(Demo.RUIRUN, null, "330302", now().minus(Duration.ofDays(2)),
				now().minus(Duration.ofHours(3)), null);
		trip.remove("phone");
		trip.remove("name");
		trip.remove("idNumber");
		trip.put("contactWithCase", true);
		Map<String, Object> declared = registered(web, employee, trip);
		assertThat(declared).containsEntry("status", "IN_OBSERVATION");
		assertThat((List<Object>) declared.get("flags")).containsExactly("CONTACT_WITH_CASE");
		get(tokens.manager(), "/api/v1/returnees/" + declared.get("id")).expectBody()
			.jsonPath("$.source")
			.isEqualTo("SELF")
			.jsonPath("$.originName")
			.isEqualTo("浙江省温州市鹿城区");
		// Not for an enterprise it does not work for.
		trip.put("enterpriseId", Demo.TIANYOU.toString());
		register(web, employee, trip).expectStatus().isNotFound();
		// Nor without a bound phone.
		String unbound = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		register(web, unbound, trip).expectStatus().isEqualTo(409);
	}

	@Test
	void theSameTripTwiceIsOneRegistration() {
		Map<String, Object> request = body(Demo.RUIRUN, Requests.phone("137"), "440300",
				now().minus(Duration.ofDays(1)), now().minus(Duration.ofHours(1)), null);
		Map<String, Object> first = registered(web, tokens.manager(), request);
		register(web, tokens.manager(), request).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(first.get("id"));
	}

	@Test
	void managersOfOneEnterpriseNeverSeeAnothersReturnees() {
		Map<String, Object> ruirun = registered(web, tokens.manager(), body(Demo.RUIRUN, Requests.phone("136"),
				"440300", now().minus(Duration.ofDays(1)), now().minus(Duration.ofHours(1)), null));
		Map<String, Object> tianyou = registered(web, tokens.managerOf(Demo.TIANYOU),
				body(Demo.TIANYOU, Requests.phone("136"), "440300", now().minus(Duration.ofDays(1)),
						now().minus(Duration.ofHours(1)), null));
		Map<String, Object> supermarket = registered(web, tokens.managerOf(Demo.SUPERMARKET),
				body(Demo.SUPERMARKET, Requests.phone("136"), "440300", now().minus(Duration.ofDays(1)),
						now().minus(Duration.ofHours(1)), null));
		String manager = tokens.manager();

		// By list: only its own, and a filter naming another enterprise or zone is
		// refused.
		assertThat(ids(manager, "")).contains(ruirun.get("id"))
			.doesNotContain(tianyou.get("id"), supermarket.get("id"));
		outOfScope(manager, "/api/v1/returnees?enterpriseId=" + Demo.TIANYOU);
		// An id that names no enterprise is answered the same: existence does not leak.
		outOfScope(manager, "/api/v1/returnees?enterpriseId=" + UUID.randomUUID());
		assertThat(ids(manager, "zoneId=" + Demo.TOWN)).isEmpty();
		// By id: not found.
		get(manager, "/api/v1/returnees/" + tianyou.get("id")).expectStatus().isNotFound();
		// By export filter: refused.
		outOfScope(manager, "/api/v1/returnees/export?format=csv&enterpriseId=" + Demo.TIANYOU);
		// Nor may it register for, or add a test to, another's.
		register(web, manager,
				body(Demo.TIANYOU, Requests.phone("136"), "440300", now().minus(Duration.ofDays(1)), now(), null))
			.expectStatus()
			.isNotFound();
		web.post()
			.uri("/api/v1/returnees/{id}/tests", tianyou.get("id"))
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("takenAt", now().toString(), "result", "NEGATIVE"))
			.exchange()
			.expectStatus()
			.isNotFound();

		// The guide sees its enterprise's, but not another's, and exports nothing.
		assertThat(ids(tokens.guide(), "")).contains(ruirun.get("id")).doesNotContain(tianyou.get("id"));
		get(tokens.guide(), "/api/v1/returnees/" + tianyou.get("id")).expectStatus().isNotFound();
		get(tokens.guide(), "/api/v1/returnees/export?format=csv").expectStatus().isForbidden();

		// The park's official sees the park's (both enterprises), not the town's.
		assertThat(ids(tokens.official(), "")).contains(ruirun.get("id"), tianyou.get("id"))
			.doesNotContain(supermarket.get("id"));
		outOfScope(tokens.official(), "/api/v1/returnees?zoneId=" + Demo.TOWN);
		outOfScope(tokens.official(), "/api/v1/returnees?enterpriseId=" + Demo.SUPERMARKET);
		outOfScope(tokens.official(), "/api/v1/returnees/summary?zoneId=" + Demo.TOWN);
		get(tokens.official(), "/api/v1/returnees/" + supermarket.get("id")).expectStatus().isNotFound();
		assertThat(ids(tokens.townOfficial(), "")).contains(supermarket.get("id"))
			.doesNotContain(ruirun.get("id"), tianyou.get("id"));
		// A mini-program token does not open the console's list.
		get(tokens.managerOnMiniProgram(), "/api/v1/returnees").expectStatus().isUnauthorized();
	}

	@Test
	void aPositiveTestMakesTheReturneeAbnormal() {
		Map<String, Object> returnee = registered(web, tokens.manager(), body(Demo.RUIRUN, Requests.phone("135"),
				"440300", now().minus(Duration.ofDays(1)), now().minus(Duration.ofHours(1)), null));
		addTest(tokens.official(), returnee, "NEGATIVE");
		get(tokens.manager(), "/api/v1/returnees/" + returnee.get("id")).expectBody()
			.jsonPath("$.status")
			.isEqualTo("IN_OBSERVATION");
		// A guide reads but does not record tests.
		web.post()
			.uri("/api/v1/returnees/{id}/tests", returnee.get("id"))
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.bodyValue(Map.of("takenAt", now().toString(), "result", "POSITIVE"))
			.exchange()
			.expectStatus()
			.isForbidden();
		addTest(tokens.manager(), returnee, "POSITIVE");
		get(tokens.manager(), "/api/v1/returnees/" + returnee.get("id")).expectBody()
			.jsonPath("$.status")
			.isEqualTo("ABNORMAL")
			.jsonPath("$.tests.length()")
			.isEqualTo(2)
			.jsonPath("$.maskedPhone")
			.value(phone -> assertThat((String) phone).contains("****"));
	}

	@Test
	void anExportReadsBackAsTheListWithChineseHeadersAndMaskedPhones() throws IOException {
		UUID enterprise = newEnterprise();
		String manager = tokens.managerOf(enterprise);
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String phone = Requests.phone("138");
			phones.add(phone);
			registered(web, manager, body(enterprise, phone, "420102", now().minus(Duration.ofDays(2 + i)),
					now().minus(Duration.ofHours(1 + i)), null));
		}
		List<Map<String, Object>> listed = list(manager, "enterpriseId=" + enterprise);
		assertThat(listed).hasSize(3);

		byte[] csv = get(manager, "/api/v1/returnees/export?format=csv&enterpriseId=" + enterprise).expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
		List<CSVRecord> records = CSVFormat.EXCEL
			.parse(new StringReader(new String(csv, StandardCharsets.UTF_8).substring(1)))
			.getRecords();
		assertThat(records.get(0).toList()).startsWith("姓名", "手机号码", "身份证号码", "企业", "来源地区");
		assertThat(records).hasSize(4);

		byte[] xlsx = get(manager, "/api/v1/returnees/export?format=xlsx&enterpriseId=" + enterprise).expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			for (int i = 1; i <= 3; i++) {
				Row row = sheet.getRow(i);
				Map<String, Object> item = listed.get(i - 1);
				CSVRecord record = records.get(i);
				assertThat(row.getCell(0).getStringCellValue()).isEqualTo(item.get("maskedName"))
					.isEqualTo(record.get(0));
				assertThat(row.getCell(1).getStringCellValue()).isEqualTo(item.get("maskedPhone"))
					.isEqualTo(record.get(1))
					.matches("1[0-9]{2}\\*{4}[0-9]{4}");
				assertThat(row.getCell(4).getStringCellValue()).isEqualTo("湖北省武汉市江岸区");
				assertThat(row.getCell(9).getStringCellValue()).isEqualTo("隔离观察中").isEqualTo(record.get(9));
			}
			assertThat(phones).noneMatch(phone -> new String(xlsx, StandardCharsets.ISO_8859_1).contains(phone));
		}
		// Audited, with the filter.
		Long audited = database
			.sql("SELECT count(*) FROM audit_event WHERE type = 'RETURNEES_EXPORTED' AND details->>'enterpriseId' = :e")
			.bind("e", enterprise.toString())
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void aFeverReportMakesThePersonAbnormalAndAlertsTheManagersLikeAGateFever() {
		UUID enterprise = newEnterprise();
		String phone = Requests.phone("139");
		Map<String, Object> returnee = registered(web, tokens.managerOf(enterprise), body(enterprise, phone, "440300",
				now().minus(Duration.ofDays(1)), now().minus(Duration.ofHours(1)), null));
		String employee = WeChatSignIn.miniProgramToken(web, "wx-" + UUID.randomUUID());
		WeChatSignIn.bindPhone(web, employee, phone);
		String gate = (String) web.get()
			.uri("/api/v1/places/{id}/qrcode?format=json",
					Requests.createPlace(web, tokens.managerOf(enterprise), enterprise, "门岗", false))
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterprise)))
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("content");
		// Turned away while in observation, before any report.
		web.post()
			.uri("/api/v1/scans")
			.headers(h -> h.setBearerAuth(employee))
			.bodyValue(Map.of("code", gate, "clientScanId", "fever-" + UUID.randomUUID()))
			.exchange()
			.expectBody()
			.jsonPath("$.reasons")
			.value(reasons -> assertThat((List<Object>) reasons).containsExactly("IN_OBSERVATION"))
			.jsonPath("$.passColor")
			.isEqualTo("YELLOW");

		ConcurrentLinkedQueue<ServerSentEvent<Map<String, Object>>> events = new ConcurrentLinkedQueue<>();
		Disposable stream = web.get()
			.uri("/api/v1/alerts/stream")
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterprise)))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.filter(event -> event.event() != null)
			.subscribe(events::add);
		try {
			// Until the stream's subscription is live, a report's alert may pass it by:
			// report
			// again (each report is a new one) until the manager sees one.
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
				web.post()
					.uri("/api/v1/health-reports")
					.headers(h -> h.setBearerAuth(employee))
					.bodyValue(Map.of("temperature", 38.1, "symptoms", List.of("COUGH")))
					.exchange()
					.expectStatus()
					.isCreated()
					.expectBody()
					.jsonPath("$.abnormal")
					.isEqualTo(true);
				return !events.isEmpty();
			});
			ServerSentEvent<Map<String, Object>> alert = events.peek();
			assertThat(alert.event()).isEqualTo("fever");
			assertThat(alert.data()).containsEntry("placeName", "健康打卡")
				.containsEntry("enterpriseId", enterprise.toString())
				.doesNotContainKeys("phone", "temperature", "personId");
			assertThat((List<Object>) alert.data().get("reasons")).containsExactly("FEVER", "HEALTH_ABNORMAL");
		}
		finally {
			stream.dispose();
		}
		get(tokens.managerOf(enterprise), "/api/v1/returnees/" + returnee.get("id")).expectBody()
			.jsonPath("$.status")
			.isEqualTo("ABNORMAL")
			.jsonPath("$.reports[0].temperature")
			.isEqualTo(38.1);
		// Every gate now turns the person away for it, RED: the same gate within its
		// dedup window too (the earlier answer is not replayed with the old reason).
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> web.post()
				.uri("/api/v1/scans")
				.headers(h -> h.setBearerAuth(employee))
				.bodyValue(Map.of("code", gate, "clientScanId", "fever-" + UUID.randomUUID()))
				.exchange()
				.expectBody()
				.jsonPath("$.reasons")
				.value(reasons -> assertThat((List<Object>) reasons).contains("IN_OBSERVATION", "HEALTH_ABNORMAL"))
				.jsonPath("$.passColor")
				.isEqualTo("RED"));
	}

	@Test
	void aSheetWithGoodBadAndRepeatedRowsIsImportedRowByRowAndASecondTimeChangesNothing() throws IOException {
		UUID enterprise = newEnterprise();
		String manager = tokens.managerOf(enterprise);
		LocalDate today = LocalDate.now(SHANGHAI);
		String good = Requests.phone("150");
		String local = Requests.phone("151");
		String id = ReturneeFixture.idNumber();
		String badCheck = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
		Object[][] rows = {
				{ "王五", good, ReturneeFixture.idNumber(), "420102", today.minusDays(3), today.minusDays(1), "火车",
						"420100", "否" },
				{ "赵六", local, null, null, null, null, null, null, null },
				{ "钱七", "1380013800", null, "440300", today.minusDays(3), today.minusDays(1), null, null, null },
				{ "孙八", Requests.phone("152"), badCheck, "440300", today.minusDays(3), today.minusDays(1), null, null,
						null },
				{ "周九", Requests.phone("153"), null, "440300", today.minusDays(3), today.plusDays(5), null, null,
						null },
				{ "王五", good, null, "420102", today.minusDays(3), today.minusDays(1), null, null, null } };
		byte[] sheet = xlsx(rows, null);
		Map<String, Object> first = importAndWait(manager, enterprise, sheet, "staff.xlsx");
		assertThat(first).containsEntry("state", "DONE")
			.containsEntry("rows", 6)
			.containsEntry("imported", 2)
			.containsEntry("rejectedCount", 4);
		List<Map<String, Object>> rejected = (List<Map<String, Object>>) first.get("rejected");
		assertThat(rejected).extracting(r -> r.get("row"), r -> r.get("field"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(4, "手机号码"),
					org.assertj.core.groups.Tuple.tuple(5, "身份证号码"), org.assertj.core.groups.Tuple.tuple(6, "抵达日期"),
					org.assertj.core.groups.Tuple.tuple(7, "手机号码"));
		assertThat(rejected.get(3).get("message")).isEqualTo("与第2行重复");
		assertThat(rejected)
			.allSatisfy(r -> assertThat(String.valueOf(r.get("message"))).doesNotContain(good, badCheck));
		List<Map<String, Object>> listed = list(manager, "enterpriseId=" + enterprise);
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0)).containsEntry("originName", "湖北省武汉市江岸区").containsEntry("status", "IN_OBSERVATION");

		Map<String, Object> again = importAndWait(manager, enterprise, sheet, "staff.xlsx");
		assertThat(again).containsEntry("state", "DONE").containsEntry("imported", 0).containsEntry("unchanged", 2);
		assertThat(list(manager, "enterpriseId=" + enterprise)).hasSize(1);

		// The same rows as CSV: nothing new either.
		StringBuilder csv = new StringBuilder(
				"\uFEFF" + String.join(",", dev.fugong.returnee.domain.StaffSheet.HEADERS) + "\n");
		csv.append("王五,")
			.append(good)
			.append(",,420102,")
			.append(today.minusDays(3))
			.append(',')
			.append(today.minusDays(1))
			.append(",火车,,否\n");
		assertThat(importAndWait(manager, enterprise, csv.toString().getBytes(StandardCharsets.UTF_8), "staff.csv"))
			.containsEntry("state", "DONE")
			.containsEntry("imported", 0)
			.containsEntry("unchanged", 1);
		// Another enterprise's manager cannot see the import.
		get(tokens.manager(), "/api/v1/staff-imports/" + again.get("id")).expectStatus().isNotFound();
	}

	@Test
	void aRejectionNamesTheColumnWhereTheFileHasItAndControlCharactersInANameAreRefused() {
		UUID enterprise = newEnterprise();
		String manager = tokens.managerOf(enterprise);
		// The columns moved: 手机号码 in A, 姓名 in B, and no 身份证号码 column at all.
		String csv = "手机号码,姓名\n" + "1380013800,张三\n" + Requests.phone("156") + ",a\u0085b\n" + Requests.phone("157")
				+ ",李\u007F\n" + Requests.phone("158") + ",李四\n";
		Map<String, Object> result = importAndWait(manager, enterprise, csv.getBytes(StandardCharsets.UTF_8),
				"moved.csv");
		assertThat(result).containsEntry("state", "DONE")
			.containsEntry("imported", 1)
			.containsEntry("rejectedCount", 3);
		assertThat((List<Map<String, Object>>) result.get("rejected"))
			.extracting(r -> r.get("row"), r -> r.get("field"), r -> r.get("column"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2, "手机号码", "A"),
					org.assertj.core.groups.Tuple.tuple(3, "姓名", "B"),
					org.assertj.core.groups.Tuple.tuple(4, "姓名", "B"));
	}

	@Test
	void importsAndWhoHasNotReportedStayInScope() {
		byte[] sheet = ("姓名,手机号码\n李四," + Requests.phone("159") + "\n").getBytes(StandardCharsets.UTF_8);
		long before = count("SELECT count(*) FROM staff_import");
		// Another enterprise's id, by its manager; another zone's enterprise, by the
		// park's official: not found, nothing started.
		upload(tokens.manager(), Demo.TIANYOU, sheet, "staff.csv").expectStatus().isNotFound();
		upload(tokens.official(), Demo.SUPERMARKET, sheet, "staff.csv").expectStatus().isNotFound();
		// A guide reads who has not reported but imports nothing.
		upload(tokens.guide(), Demo.RUIRUN, sheet, "staff.csv").expectStatus().isForbidden();
		assertThat(count("SELECT count(*) FROM staff_import")).isEqualTo(before);
		String missing = "/api/v1/health-reports/missing?enterpriseId=";
		String audited = "SELECT count(*) FROM audit_event WHERE type = 'HEALTH_REPORTS_MISSING_LISTED' AND actor_id = '"
				+ Demo.MANAGER_USER + "'";
		long listedBefore = count(audited);
		get(tokens.manager(), missing + Demo.RUIRUN).expectStatus().isOk();
		// Masked names and phones read: audited.
		assertThat(count(audited)).isEqualTo(listedBefore + 1);
		get(tokens.guide(), missing + Demo.RUIRUN).expectStatus().isOk();
		get(tokens.manager(), missing + Demo.TIANYOU).expectStatus().isNotFound();
		get(tokens.guide(), missing + Demo.TIANYOU).expectStatus().isNotFound();
		get(tokens.official(), missing + Demo.TIANYOU).expectStatus().isOk();
		get(tokens.official(), missing + Demo.SUPERMARKET).expectStatus().isNotFound();
		get(tokens.townOfficial(), missing + Demo.SUPERMARKET).expectStatus().isOk();
		get(tokens.townOfficial(), missing + Demo.RUIRUN).expectStatus().isNotFound();
		// The park's official follows an import into the park, not the town's official.
		Map<String, Object> done = importAndWait(tokens.official(), Demo.TIANYOU, sheet, "staff.csv");
		get(tokens.official(), "/api/v1/staff-imports/" + done.get("id")).expectStatus().isOk();
		get(tokens.townOfficial(), "/api/v1/staff-imports/" + done.get("id")).expectStatus().isNotFound();
		get(tokens.managerOf(Demo.TIANYOU), "/api/v1/staff-imports/" + done.get("id")).expectStatus().isOk();
		// Officials read risk levels; only the district admin sets them.
		get(tokens.official(), "/api/v1/regions/420100/risk").expectStatus().isOk();
		web.put()
			.uri("/api/v1/regions/420100/risk")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(Map.of("level", "LOW", "from", now().toString()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aBadUploadIsA4xxNamingWhatIsWrongAndStartsNothing() {
		long before = count("SELECT count(*) FROM staff_import");
		String manager = tokens.manager();
		// No part named file; file as a form field rather than a file; an empty file.
		MultipartBodyBuilder other = new MultipartBodyBuilder();
		other.part("sheet", new ByteArrayResource("姓名,手机号码\n".getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "staff.csv";
			}
		});
		multipart(manager, other).expectStatus().isBadRequest().expectBody().jsonPath("$.code").exists();
		MultipartBodyBuilder field = new MultipartBodyBuilder();
		field.part("file", "姓名,手机号码");
		multipart(manager, field).expectStatus().isBadRequest().expectBody().jsonPath("$.code").exists();
		upload(manager, Demo.RUIRUN, new byte[0], "empty.csv").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("file");
		// A multipart body without a boundary, and one cut short.
		web.post()
			.uri("/api/v1/enterprises/{id}/staff-imports", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(manager))
			.header("Content-Type", "multipart/form-data")
			.bodyValue("--x\r\n")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isBetween(400, 499));
		web.post()
			.uri("/api/v1/enterprises/{id}/staff-imports", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(manager))
			.header("Content-Type", "multipart/form-data; boundary=x")
			.bodyValue("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n姓名")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isBetween(400, 499));
		assertThat(count("SELECT count(*) FROM staff_import")).isEqualTo(before);
	}

	private WebTestClient.ResponseSpec multipart(String token, MultipartBodyBuilder parts) {
		return web.post()
			.uri("/api/v1/enterprises/{id}/staff-imports", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(token))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

	private long count(String sql) {
		return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
	}

	@Test
	void aFormulaIsReadAsItsCachedValueNeverEvaluated() throws IOException {
		UUID enterprise = newEnterprise();
		String phone = Requests.phone("155");
		LocalDate today = LocalDate.now(SHANGHAI);
		Object[][] rows = {
				{ "吴十", "=10000000000+1", null, "440300", today.minusDays(3), today.minusDays(1), null, null, null },
				{ "郑一", "=A1", null, "440300", today.minusDays(3), today.minusDays(1), null, null, null } };
		// The first formula's cached value is a real phone, which evaluating it would not
		// give;
		// the second has no cached value at all.
		Map<String, Object> result = importAndWait(tokens.managerOf(enterprise), enterprise, xlsx(rows, phone),
				"formula.xlsx");
		assertThat(result).containsEntry("imported", 1).containsEntry("rejectedCount", 1);
		assertThat((List<Map<String, Object>>) result.get("rejected")).extracting(r -> r.get("row")).containsExactly(3);
		assertThat(list(tokens.managerOf(enterprise), "enterpriseId=" + enterprise))
			.extracting(r -> r.get("maskedPhone"))
			.containsExactly(phone.substring(0, 3) + "****" + phone.substring(7));
	}

	@Test
	void aZipBombOrAHugeSheetIsRefusedWholeAndCleanly() throws IOException {
		UUID enterprise = newEnterprise();
		String manager = tokens.managerOf(enterprise);
		Map<String, Object> bomb = importAndWait(manager, enterprise, zipBomb(), "bomb.xlsx");
		assertThat(bomb).containsEntry("state", "FAILED").containsEntry("imported", 0);
		assertThat((Map<String, Object>) bomb.get("failure")).containsEntry("code", "zip_bomb");

		ByteArrayOutputStream huge = new ByteArrayOutputStream();
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			Sheet sheet = workbook.createSheet();
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("姓名");
			header.createCell(1).setCellValue("手机号码");
			for (int i = 1; i <= 100_001; i++) {
				Row row = sheet.createRow(i);
				row.createCell(0).setCellValue("甲");
				row.createCell(1).setCellValue("13800138000");
			}
			workbook.write(huge);
		}
		Map<String, Object> tooMany = importAndWait(manager, enterprise, huge.toByteArray(), "huge.xlsx");
		assertThat(tooMany).containsEntry("state", "FAILED").containsEntry("imported", 0);
		assertThat((Map<String, Object>) tooMany.get("failure")).containsEntry("code", "too_many_rows");

		Map<String, Object> garbage = importAndWait(manager, enterprise,
				"PK\u0003\u0004not a zip".getBytes(StandardCharsets.ISO_8859_1), "x.xlsx");
		assertThat((Map<String, Object>) garbage.get("failure")).containsEntry("code", "unreadable");
		assertThat(list(manager, "enterpriseId=" + enterprise)).isEmpty();
		// Binary that is neither: refused at upload.
		upload(manager, enterprise, new byte[] { 0, 1, 2, (byte) 0xFF, 0 }, "x.bin").expectStatus().isEqualTo(415);
	}

	@Test
	void theTemplateHasTheSheetsHeaders() throws IOException {
		byte[] template = web.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/api/v1/staff-imports/template?format=xlsx")
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
			Row header = workbook.getSheetAt(0).getRow(0);
			List<String> headers = new ArrayList<>();
			header.forEach(cell -> headers.add(cell.getStringCellValue()));
			assertThat(headers).isEqualTo(dev.fugong.returnee.domain.StaffSheet.HEADERS);
		}
	}

	/**
	 * Each purge keeps a row one minute inside its retention and deletes one a minute
	 * outside.
	 */
	@Test
	void everyReturneeTableIsPurgedAfterItsRetention() {
		Instant now = Instant.parse("2030-06-01T00:00:00Z");
		for (String name : List.of("returnee", "health_report", "staff_import")) {
			Purge purge = purges.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
			Instant cutoff = now.minus(purge.retention());
			UUID inside = UUID.randomUUID();
			UUID outside = UUID.randomUUID();
			insertAged(name, inside, cutoff.plus(Duration.ofMinutes(1)));
			insertAged(name, outside, cutoff.minus(Duration.ofMinutes(1)));
			purge.purge(cutoff).block();
			assertThat(exists(name, inside)).as(name + " inside").isTrue();
			assertThat(exists(name, outside)).as(name + " outside").isFalse();
			database.sql("DELETE FROM " + name + " WHERE id = :id").bind("id", inside).then().block();
		}
	}

	private void insertAged(String table, UUID id, Instant at) {
		String sql = switch (table) {
			case "returnee" ->
				"""
						INSERT INTO returnee (id, person_id, enterprise_id, zone_id, travel_cipher, departed_at, departed_day,
						  arrived_at, arrival_at, arrival_day, source, created_at)
						VALUES (:id, :id, :id, :id, '\\x00', :at, '2000-01-01', :at, :at, '2000-01-01', 'MANAGER', :at)""";
			case "health_report" ->
				"""
						INSERT INTO health_report (id, person_id, reported_at, slot_date, slot, temperature_cipher, abnormal)
						VALUES (:id, :id, :at, '2000-01-01', 'MORNING', '\\x00', false)""";
			default -> """
					INSERT INTO staff_import (id, enterprise_id, created_by, format, state, created_at)
					VALUES (:id, :id, :id, 'CSV', 'DONE', :at)""";
		};
		database.sql(sql).bind("id", id).bind("at", at).then().block();
	}

	private boolean exists(String table, UUID id) {
		return Boolean.TRUE.equals(database.sql("SELECT count(*) > 0 FROM " + table + " WHERE id = :id")
			.bind("id", id)
			.map(row -> row.get(0, Boolean.class))
			.one()
			.block());
	}

	// ---- helpers

	private UUID newEnterprise() {
		return UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(tokens.official()))
			.bodyValue(dev.fugong.support.Fixtures.enterprise(Demo.PARK))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	private void refused(Map<String, Object> body, String field) {
		register(web, tokens.manager(), body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private void addTest(String token, Map<String, Object> returnee, String result) {
		web.post()
			.uri("/api/v1/returnees/{id}/tests", returnee.get("id"))
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("takenAt", now().minus(Duration.ofMinutes(10)).toString(), "result", result))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	private WebTestClient.ResponseSpec get(String token, String uri) {
		return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
	}

	private void outOfScope(String token, String uri) {
		get(token, uri).expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("out_of_scope");
	}

	private List<Map<String, Object>> list(String token, String query) {
		return (List<Map<String, Object>>) get(token, "/api/v1/returnees?size=200&" + query).expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("items");
	}

	private List<Object> ids(String token, String query) {
		return list(token, query).stream().map(item -> item.get("id")).toList();
	}

	private WebTestClient.ResponseSpec upload(String token, UUID enterprise, byte[] file, String name) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(file) {
			@Override
			public String getFilename() {
				return name;
			}
		});
		return web.post()
			.uri("/api/v1/enterprises/{id}/staff-imports", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

	private Map<String, Object> importAndWait(String token, UUID enterprise, byte[] file, String name) {
		String importId = (String) upload(token, enterprise, file, name).expectStatus()
			.isAccepted()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("importId");
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(token, "/api/v1/staff-imports/" + importId).expectBody(Json.OBJECT)
				.returnResult()
				.getResponseBody(), status -> !"RUNNING".equals(status.get("state")));
	}

	/**
	 * A staff sheet; "=…" cells become formulas, the first with {@code cached} as its
	 * cached value.
	 */
	static byte[] xlsx(Object[][] rows, String cached) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = workbook.createSheet("上岗人员摸排表");
			Row header = sheet.createRow(0);
			List<String> headers = dev.fugong.returnee.domain.StaffSheet.HEADERS;
			for (int i = 0; i < headers.size(); i++) {
				header.createCell(i).setCellValue(headers.get(i));
			}
			var dates = workbook.createCellStyle();
			dates.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
			boolean first = true;
			for (int r = 0; r < rows.length; r++) {
				Row row = sheet.createRow(r + 1);
				for (int c = 0; c < rows[r].length; c++) {
					Object value = rows[r][c];
					if (value == null) {
						continue;
					}
					Cell cell = row.createCell(c);
					if (value instanceof LocalDate date) {
						cell.setCellValue(date);
						cell.setCellStyle(dates);
					}
					else if (value.toString().startsWith("=")) {
						cell.setCellFormula(value.toString().substring(1));
						if (first && cached != null) {
							cell.setCellValue(Double.parseDouble(cached));
						}
						first = false;
					}
					else {
						cell.setCellValue(value.toString());
					}
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
	}

	/**
	 * A real XLSX whose sheet part is replaced by 200 MB of blanks that zip to a few
	 * hundred KB.
	 */
	static byte[] zipBomb() throws IOException {
		byte[] template = xlsx(new Object[][] { { "甲", "13800138000" } }, null);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(template));
				ZipOutputStream zip = new ZipOutputStream(out)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
					String sheet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					int data = sheet.indexOf("<sheetData>") + "<sheetData>".length();
					zip.write(sheet.substring(0, data).getBytes(StandardCharsets.UTF_8));
					byte[] blanks = new byte[1 << 20];
					java.util.Arrays.fill(blanks, (byte) ' ');
					for (int i = 0; i < 200; i++) {
						zip.write(blanks);
					}
					zip.write(sheet.substring(data).getBytes(StandardCharsets.UTF_8));
				}
				else {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

}
