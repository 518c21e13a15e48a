package dev.fugong.ledger;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.person.PersonService;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily ledger, disinfection rounds and the disclosure board over HTTP: the ledger's
 * figures equal direct counts over seeded scan-ins, persons and rounds; names masked;
 * downloads audited; every endpoint answers 404 for another enterprise's and another
 * zone's ids. (Rounds' retention: LedgerRetentionIT.)
 */
@IntegrationTest
class LedgerIT {

	static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	@Autowired
	PersonService persons;

	@Autowired
	PersonalDataCipher cipher;

	TestTokens tokens;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
	}

	@Test
	void theLedgersFiguresEqualDirectCountsOverSeededData() throws Exception {
		UUID enterprise = OversightFixture.enterprise(web, tokens.official(), Demo.PARK);
		String manager = tokens.managerOf(enterprise);
		UUID gate = Requests.createPlace(web, manager, enterprise, "东门", false);
		UUID first = person(enterprise, "张小明");
		UUID second = person(enterprise, "李大山");
		UUID third = person(enterprise, "王五");
		person(enterprise, "赵六");
		// A person registered without a name (by phone only) scans too.
		UUID nameless = person(enterprise, null);
		Instant now = Instant.now();
		scan(first, gate, enterprise, now.minusSeconds(600), true, "36.5", false, "");
		scan(first, gate, enterprise, now.minusSeconds(300), true, "36.6", false, "");
		scan(second, gate, enterprise, now.minusSeconds(200), false, "37.9", true, "FEVER");
		scan(third, gate, enterprise, now.minusSeconds(100), true, null, false, "");
		scan(nameless, gate, enterprise, now.minusSeconds(50), false, "36.8", false, "HEALTH_ABNORMAL");
		round(manager, enterprise, "DISINFECTION", "车间", "孙七").expectStatus().isCreated();
		round(manager, enterprise, "VENTILATION", "办公室", "孙七").expectStatus().isCreated();

		byte[] xlsx = ledger(manager, enterprise, "xlsx").expectStatus()
			.isOk()
			.expectHeader()
			.contentType(LedgerControllerTypes.XLSX)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();

		LocalDate today = LocalDate.now(DISTRICT);
		Instant from = today.atStartOfDay(DISTRICT).toInstant();
		Instant to = today.plusDays(1).atStartOfDay(DISTRICT).toInstant();
		String scans = "FROM scan_in WHERE place_id = '" + gate + "' AND scanned_at >= '" + from
				+ "' AND scanned_at < '" + to + "'";
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Map<String, String> summary = summary(book.getSheet("概况"));
			assertThat(summary.get("在册人员（一人一档）"))
				.isEqualTo(count("SELECT count(*) FROM person WHERE enterprise_id = '" + enterprise + "'"));
			assertThat(summary.get("当日到岗人数（扫码放行，去重）"))
				.isEqualTo(count("SELECT count(DISTINCT person_id) " + scans + " AND admitted"));
			assertThat(summary.get("扫码次数")).isEqualTo(count("SELECT count(*) " + scans));
			assertThat(summary.get("放行次数")).isEqualTo(count("SELECT count(*) " + scans + " AND admitted"));
			assertThat(summary.get("拒绝次数")).isEqualTo(count("SELECT count(*) " + scans + " AND NOT admitted"));
			assertThat(summary.get("发热人次（≥37.3℃）")).isEqualTo(count("SELECT count(*) " + scans + " AND fever"));
			assertThat(summary.get("消杀通风记录"))
				.isEqualTo(count("SELECT count(*) FROM disinfection WHERE enterprise_id = '" + enterprise
						+ "' AND at >= '" + from + "' AND at < '" + to + "'"));
			assertThat(summary).containsEntry("在册人员（一人一档）", "5")
				.containsEntry("当日到岗人数（扫码放行，去重）", "2")
				.containsEntry("扫码次数", "5")
				.containsEntry("拒绝次数", "2")
				.containsEntry("发热人次（≥37.3℃）", "1")
				.containsEntry("消杀通风记录", "2");
			String everything = text(book);
			assertThat(everything).contains("张*明", "李*山", "37.9", "发热门诊", "车间", "孙*")
				.doesNotContain("张小明", "李大山", "孙七");
			// Nobody reported health today: all five missed both slots.
			Sheet reports = book.getSheet("健康打卡");
			assertThat(text(reports)).contains("上午", "下午", "赵*");
		}
		assertThat(count("SELECT count(*) FROM audit_event WHERE type = 'LEDGER_DOWNLOADED' AND subject_id = '"
				+ enterprise + "'"))
			.isEqualTo("1");

		// The PDF, for the zone's official: the same figures, printable, in Chinese.
		byte[] pdf = ledger(tokens.official(), enterprise, "pdf").expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document))
				.contains("企业疫情防控每日台账", "拒绝入场", "李*山", "体温≥37.3℃", "消杀通风", "车间")
				.doesNotContain("李大山");
		}
	}

	@Test
	void theDisclosureBoardIsFilledFromTheRecordsAndSaysWhatHasNoSource() throws Exception {
		UUID enterprise = OversightFixture.enterprise(web, tokens.official(), Demo.PARK);
		String manager = tokens.managerOf(enterprise);
		UUID gate = Requests.createPlace(web, manager, enterprise, "店门", false);
		scan(person(enterprise, "周八"), gate, enterprise, Instant.now().minusSeconds(60), true, "36.4", false, "");
		round(manager, enterprise, "VEHICLE", "送货车 渝B12345", "吴九").expectStatus().isCreated();
		OversightFixture.file(web, manager, enterprise);

		byte[] pdf = web.get()
			.uri("/api/v1/enterprises/{id}/disclosure-board.pdf", enterprise)
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();

		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("防疫公示表", "防疫物资储备", "3000", "体温监测情况", "车辆消毒情况", "送货车", "吴*", "平台暂无此项记录")
				.doesNotContain("周八", "吴九");
		}
	}

	@Test
	void roundsNeedAKindAnAreaAndWhoAndTakeNoFutureTime() {
		String manager = tokens.manager();
		web.post()
			.uri("/api/v1/enterprises/{id}/disinfections", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("kind", "DISINFECTION", "by", "张三"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("area");
		web.post()
			.uri("/api/v1/enterprises/{id}/disinfections", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(manager))
			.bodyValue(Map.of("kind", "DISINFECTION", "area", "车间", "by", "张三", "at",
					Instant.now().plus(Duration.ofHours(2)).toString()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("at");
		// The guide reads the rounds but does not record them.
		round(tokens.guide(), Demo.RUIRUN, "VENTILATION", "车间", "张三").expectStatus().isForbidden();
		web.get()
			.uri("/api/v1/enterprises/{id}/disinfections", Demo.RUIRUN)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.exchange()
			.expectStatus()
			.isOk();
		ledger(tokens.guide(), Demo.RUIRUN, "pdf").expectStatus().isOk();
		ledger(manager, Demo.RUIRUN, "doc").expectStatus().isBadRequest();
		web.get()
			.uri("/api/v1/enterprises/{id}/ledger?date={d}", Demo.RUIRUN, LocalDate.now(DISTRICT).plusDays(2))
			.headers(h -> h.setBearerAuth(manager))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("date");
	}

	@Test
	void anotherEnterprisesAndAnotherZonesIdsAreNotFoundOnEveryEndpoint() {
		// demo-manager is 瑞润电子's: 天友乳业 is another enterprise; the park's official
		// does not oversee the town's 青杠便民超市.
		String area = "越权 " + UUID.randomUUID();
		for (String[] caller : new String[][] { { tokens.manager(), Demo.TIANYOU.toString() },
				{ tokens.official(), Demo.SUPERMARKET.toString() } }) {
			String token = caller[0];
			UUID other = UUID.fromString(caller[1]);
			round(token, other, "DISINFECTION", area, "张三").expectStatus().isNotFound();
			web.get()
				.uri("/api/v1/enterprises/{id}/disinfections", other)
				.headers(h -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isNotFound();
			ledger(token, other, "xlsx").expectStatus().isNotFound();
			ledger(token, other, "pdf").expectStatus().isNotFound();
			web.get()
				.uri("/api/v1/enterprises/{id}/disclosure-board.pdf", other)
				.headers(h -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		assertThat(count("SELECT count(*) FROM disinfection WHERE area = '" + area + "'")).isEqualTo("0");
	}

	private UUID person(UUID enterprise, String name) {
		return persons.findOrRegister(Requests.phone("139"), ReturneeFixture.idNumber(), name, enterprise).block().id();
	}

	private void scan(UUID person, UUID place, UUID enterprise, Instant at, boolean admitted, String temperature,
			boolean fever, String reasons) {
		database.sql("""
				INSERT INTO scan_in (id, scanned_at, person_id, place_id, enterprise_id, client_scan_id, source,
				    admitted, reasons, pass_color, temperature_cipher, fever)
				VALUES (:id, :at, :person, :place, :enterprise, :client, 'PLACE_CODE', :admitted, :reasons,
				    'GREEN', :temperature, :fever)
				""")
			.bind("id", UUID.randomUUID())
			.bind("at", at)
			.bind("person", person)
			.bind("place", place)
			.bind("enterprise", enterprise)
			.bind("client", "c-" + UUID.randomUUID())
			.bind("admitted", admitted)
			.bind("reasons", reasons)
			.bind("temperature", temperature == null ? org.springframework.r2dbc.core.Parameter.empty(byte[].class)
					: org.springframework.r2dbc.core.Parameter
						.from(cipher.encrypt(new BigDecimal(temperature).toPlainString(), Column.SCAN_TEMPERATURE)))
			.bind("fever", fever)
			.then()
			.block();
	}

	private WebTestClient.ResponseSpec round(String token, UUID enterprise, String kind, String area, String by) {
		return web.post()
			.uri("/api/v1/enterprises/{id}/disinfections", enterprise)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("kind", kind, "area", area, "by", by))
			.exchange();
	}

	private WebTestClient.ResponseSpec ledger(String token, UUID enterprise, String format) {
		return web.get()
			.uri("/api/v1/enterprises/{id}/ledger?format={f}", enterprise, format)
			.headers(h -> h.setBearerAuth(token))
			.exchange();
	}

	private String count(String sql) {
		return String.valueOf(database.sql(sql).map(row -> row.get(0, Long.class)).one().block());
	}

	private static Map<String, String> summary(Sheet sheet) {
		DataFormatter format = new DataFormatter();
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (Row row : sheet) {
			if (row.getCell(0) != null && row.getCell(1) != null) {
				values.put(format.formatCellValue(row.getCell(0)), format.formatCellValue(row.getCell(1)));
			}
		}
		return values;
	}

	private static String text(XSSFWorkbook book) {
		List<String> all = new ArrayList<>();
		book.forEach(sheet -> all.add(text(sheet)));
		return String.join("\n", all);
	}

	private static String text(Sheet sheet) {
		DataFormatter format = new DataFormatter();
		StringBuilder out = new StringBuilder();
		for (Row row : sheet) {
			row.forEach(cell -> out.append(format.formatCellValue(cell)).append('\t'));
			out.append('\n');
		}
		return out.toString();
	}

	/** The content types the ledger answers with. */
	static final class LedgerControllerTypes {

		static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	}

}
