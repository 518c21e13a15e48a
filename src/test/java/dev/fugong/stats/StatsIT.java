package dev.fugong.stats;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.fugong.shared.security.Audience;
import dev.fugong.shared.security.Grant;
import dev.fugong.shared.security.Role;
import dev.fugong.shared.security.TokenService;
import dev.fugong.stats.domain.StatsService;
import dev.fugong.support.Demo;
import dev.fugong.support.Fixtures;
import dev.fugong.support.GuideFixture;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.Requests;
import dev.fugong.support.ReturneeFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards against a direct count over the tables themselves, after a mix of writes
 * through the API in a zone of the test's own: registrations, filings approved and
 * returned, plates of every colour (RED by two officials), guides stationed and
 * withdrawn, reports filed and amended, problems reported and resolved, an enterprise
 * moved to another zone and another to another industry. The counters follow by events
 * within seconds; the reconciliation gives the district's total the same way.
 */
@IntegrationTest
class StatsIT {

	/** The counters compared, in the order {@link #direct} reads them. */
	static final List<String> FIGURES = List.of("enterprises", "filed", "resumed", "blue", "yellow", "red", "guided",
			"reported", "SUPPLIES", "LABOUR", "LOGISTICS", "ENERGY", "FUNDING", "POLICY", "OTHER", "returnees",
			"inObservation");

	/** Where the problem categories are in {@link #FIGURES}. */
	static final int CATEGORIES_FROM = 8;

	static final int CATEGORIES_TO = 15;

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	@Autowired
	DatabaseClient database;

	@Autowired
	StatsService stats;

	@Value("${fugong.returnees.observation-days}")
	int observationDays;

	@Autowired
	ReactiveTransactionManager transactionManager;

	TransactionalOperator transactions;

	TestTokens tokens;

	UUID park;

	UUID grid;

	String official;

	@BeforeEach
	void setUp() {
		web = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		transactions = TransactionalOperator.create(transactionManager);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		park = zone(Demo.DISTRICT, "PARK", "统计测试园区 " + suffix);
		grid = zone(park, "GRID", "统计测试网格 " + suffix);
		official = GuideFixture.newOfficial(web, tokens, park);
	}

	@Test
	void dashboardsEqualADirectCountAfterAMixOfWrites() {
		UUID e1 = enterprise(grid, "MANUFACTURING");
		UUID e2 = enterprise(grid, "MANUFACTURING");
		UUID e3 = enterprise(grid, "COMMERCE");
		UUID e4 = enterprise(park, "MANUFACTURING");
		UUID e5 = enterprise(park, "TRANSPORT_LOGISTICS");
		UUID e6 = enterprise(grid, "CONSTRUCTION");
		enterprise(park, "COMMERCE");

		// Filings: two approved (BLUE, operating, filed), one returned.
		approve(e1);
		approve(e2);
		Map<String, Object> returned = OversightFixture.file(web, tokens.managerOf(e3), e3);
		OversightFixture.step(web, official, returned.get("id"), "return", "材料不全").expectStatus().isOk();
		// Plates: a YELLOW, a RED confirmed by a second official.
		OversightFixture.plate(web, official, e4, "YELLOW", LocalDate.now().plusDays(7).toString())
			.expectStatus()
			.isCreated();
		Object red = OversightFixture.plate(web, official, e5, "RED", null)
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("changeId");
		web.post()
			.uri("/api/v1/plate-changes/{id}/confirm", red)
			.headers(h -> h.setBearerAuth(GuideFixture.newOfficial(web, tokens, park)))
			.bodyValue(Map.of("note", "同意"))
			.exchange()
			.expectStatus()
			.isOk();
		// Guides: a team at e1, one at e2, e4 and e6; e4's withdrawn after it reported.
		UUID g1 = station(e1, "PARK");
		station(e1, "HEALTH");
		station(e2, "TOWN");
		UUID g4 = GuideFixture.newUser(web).userId();
		UUID atE4 = GuideFixture.assigned(web, official, g4, e4, "INDUSTRY");
		UUID g6 = station(e6, "HEALTH");
		// Reports today: e1 (amended), e4 (then withdrawn), e6.
		GuideFixture.file(web, guide(g1, e1), GuideFixture.report(e1, 10, 2)).expectStatus().isCreated();
		GuideFixture.file(web, guide(g1, e1), GuideFixture.report(e1, 11, 2)).expectStatus().isCreated();
		GuideFixture.file(web, guide(g4, e4), GuideFixture.report(e4, 3, 0)).expectStatus().isCreated();
		GuideFixture.file(web, guide(g6, e6), GuideFixture.report(e6, 7, 7)).expectStatus().isCreated();
		web.delete()
			.uri("/api/v1/guide-assignments/{id}", atE4)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk();
		// Problems: open, in hand, resolved.
		GuideFixture.problemId(web, guide(g1, e1), e1, "SUPPLIES");
		UUID inHand = GuideFixture.problemId(web, official, e1, "LABOUR");
		GuideFixture.move(web, official, inHand, "IN_PROGRESS", null).expectStatus().isOk();
		UUID resolved = GuideFixture.problemId(web, tokens.managerOf(e2), e2, "FUNDING");
		GuideFixture.move(web, official, resolved, "IN_PROGRESS", null).expectStatus().isOk();
		GuideFixture.move(web, official, resolved, "RESOLVED", "已办理").expectStatus().isOk();
		GuideFixture.problemId(web, guide(g6, e6), e6, "ENERGY");
		GuideFixture.problemId(web, tokens.managerOf(e3), e3, "OTHER");
		GuideFixture.problemId(web, tokens.managerOf(e3), e3, "OTHER");
		// Returnees: at e1 one in observation, one whose observation ended, one expected
		// tomorrow; at e2 one in observation who then tests positive (ABNORMAL); at e6
		// one
		// in observation, counted in the park once e6 moves there.
		Instant now = Instant.now();
		Duration day = Duration.ofDays(1);
		returnee(e1, now.minus(day.multipliedBy(3)), now.minus(day.multipliedBy(2)), null);
		returnee(e1, now.minus(day.multipliedBy(40)), now.minus(day.multipliedBy(30)), null);
		returnee(e1, now.minus(day), null, now.plus(day));
		Object positive = returnee(e2, now.minus(day.multipliedBy(3)), now.minus(day), null);
		ReturneeFixture.addTest(web, tokens.managerOf(e2), positive, "POSITIVE");
		returnee(e6, now.minus(day.multipliedBy(2)), now.minus(day), null);
		// e6 moves from the grid to the park; e3 to another industry.
		patch(e6, Map.of("zoneId", park.toString()));
		patch(e3, Map.of("industry", "HOSPITALITY"));

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(300))
			.untilAsserted(() -> assertThat(served(official, park)).isEqualTo(expected(Set.of(park, grid), park)));

		// The rows are as a user reads them: the park's own enterprises, then its grid.
		Map<String, Object> answer = resumption(official, "zoneId=" + park);
		List<Map<String, Object>> byZone = rows(answer, "byZone");
		assertThat(byZone).extracting(row -> row.get("zoneId")).containsExactly(park.toString(), grid.toString());
		assertThat(byZone.get(1)).containsEntry("enterprises", 3).containsEntry("filed", 2).containsEntry("resumed", 2);
		assertThat(rows(answer, "total")).singleElement()
			.satisfies(total -> assertThat(total).containsEntry("enterprises", 7)
				.containsEntry("guided", 3)
				.containsEntry("reportedToday", 2)
				.containsEntry("openProblems", 5)
				.containsEntry("returnees", 5)
				.containsEntry("inObservation", 2)
				.containsEntry("plates", Map.of("BLUE", 2, "YELLOW", 1, "RED", 1, "NONE", 3)));
	}

	@Test
	void changesThatWaitForAnotherPodsReconciliationAreAllCounted() {
		enterprise(grid, "MANUFACTURING");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rows(resumption(official, "zoneId=" + park), "total").get(0))
				.containsEntry("enterprises", 1));
		// Another pod reconciles: it holds the dashboards' lock (FactsRefresher.LOCK,
		// "fsta")
		// for three seconds, while changes come in here, batch after batch.
		transactions
			.transactional(database.sql("SELECT pg_advisory_xact_lock(1718842465)")
				.then()
				.then(Mono.delay(Duration.ofSeconds(3)))
				.then())
			.subscribe();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> database
				.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 1718842465 AND granted")
				.map(row -> row.get(0, Long.class))
				.one()
				.block() == 1);
		for (int i = 0; i < 5; i++) {
			enterprise(grid, "MANUFACTURING");
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rows(resumption(official, "zoneId=" + park), "total").get(0))
				.containsEntry("enterprises", 6));
		// And the refresher still follows afterwards.
		enterprise(park, "COMMERCE");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rows(resumption(official, "zoneId=" + park), "total").get(0))
				.containsEntry("enterprises", 7));
	}

	@Test
	void theDistrictsDashboardEqualsADirectCountOfEverything() {
		enterprise(grid, "FINANCE");
		// The district admin recounts (an official may not).
		web.post()
			.uri("/api/v1/stats/reconciliations")
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isForbidden();
		// A recount of every enterprise the whole suite has filed so far, in one request:
		// past 60 s on two cores shared with other builds (load 7).
		web.mutate()
			.responseTimeout(Duration.ofMinutes(3))
			.build()
			.post()
			.uri("/api/v1/stats/reconciliations")
			.headers(h -> h.setBearerAuth(tokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.changed")
			.isNumber()
			.jsonPath("$.millis")
			.isNumber();
		Set<UUID> all = Set
			.copyOf(database.sql("SELECT id FROM zone").map(row -> row.get(0, UUID.class)).all().collectList().block());
		// The dashboards read the zone tree a few seconds old: this test's zones are new.
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(served(tokens.admin(), Demo.DISTRICT)).isEqualTo(expected(all, Demo.DISTRICT)));
		// With no zone asked, the admin's rows are the district's own and its children's.
		List<Map<String, Object>> byZone = rows(resumption(tokens.admin(), ""), "byZone");
		assertThat(byZone).extracting(row -> row.get("zoneId"))
			.contains(Demo.DISTRICT.toString(), Demo.PARK.toString(), Demo.TOWN.toString(), park.toString())
			.doesNotContain(grid.toString(), Demo.PARK_GRID.toString());
	}

	@Test
	void eachTableExportsAsCsvAndTheDailyReportAsAWorkbook() throws Exception {
		enterprise(grid, "MANUFACTURING");
		enterprise(grid, "MANUFACTURING");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rows(resumption(official, "zoneId=" + park), "total").get(0))
				.containsEntry("enterprises", 2));

		String csv = new String(web.get()
			.uri("/api/v1/stats/resumption/export?format=csv&by=zone&zoneId={z}", park)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
			.expectHeader()
			.valueMatches("Content-Disposition", "attachment; filename=\"resumption-zone-.*\\.csv\"")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).startsWith("\uFEFF复工复产情况（按区域，");
		assertThat(lines.get(1)).startsWith("区域,企业数,已备案,已复工,复工率");
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("统计测试网格").contains(",2,0,0,0.00%,"));
		assertThat(lines.get(lines.size() - 1)).startsWith("合计,2,");

		for (String table : List.of("guide-reports", "problems")) {
			web.get()
				.uri("/api/v1/stats/{t}/export?format=xlsx&by=industry", table)
				.headers(h -> h.setBearerAuth(official))
				.exchange()
				.expectStatus()
				.isOk();
		}
		byte[] workbook = web.get()
			.uri("/api/v1/stats/daily-report.xlsx?zoneId={z}", park)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
			assertThat(read.getNumberOfSheets()).isEqualTo(6);
			var sheet = read.getSheetAt(1);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).startsWith("复工复产情况（按行业");
			boolean found = false;
			for (int r = 2; r <= sheet.getLastRowNum(); r++) {
				if (sheet.getRow(r).getCell(0).getStringCellValue().equals("工业制造")) {
					assertThat(sheet.getRow(r).getCell(1).getNumericCellValue()).isEqualTo(2.0);
					found = true;
				}
			}
			assertThat(found).isTrue();
		}
		web.get()
			.uri("/api/v1/stats/resumption/export?format=pdf")
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isBadRequest();
		web.get()
			.uri("/api/v1/stats/nothing/export")
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void onlyOfficialsAndTheAdminReadTheDashboardsAndOnlyInTheirZones() {
		web.get()
			.uri("/api/v1/stats/resumption?zoneId={z}", Demo.TOWN)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
		web.get()
			.uri("/api/v1/stats/problems?zoneId={z}", park)
			.headers(h -> h.setBearerAuth(tokens.townOfficial()))
			.exchange()
			.expectStatus()
			.isForbidden();
		for (String token : List.of(tokens.guide(), tokens.manager())) {
			web.get()
				.uri("/api/v1/stats/resumption")
				.headers(h -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		// A park official's rows are its park's own and its grids'; another park is not
		// there.
		List<Map<String, Object>> byZone = rows(resumption(tokens.official(), ""), "byZone");
		assertThat(byZone).extracting(row -> row.get("zoneId"))
			.containsExactly(Demo.PARK.toString(), Demo.PARK_GRID.toString());
	}

	// What the service answers and what the tables say, in the same shape.

	/**
	 * The figures served for the zone: by zone, by industry and in total, each as
	 * {@link #FIGURES}.
	 */
	private Map<String, List<Long>> served(String token, UUID zone) {
		Map<String, Object> resumption = resumption(token, "zoneId=" + zone);
		Map<String, Object> coverage = get(token, "/api/v1/stats/guide-reports?zoneId=" + zone);
		Map<String, Object> problems = get(token, "/api/v1/stats/problems?zoneId=" + zone);
		Map<String, List<Long>> figures = new LinkedHashMap<>();
		for (String part : List.of("byZone", "byIndustry", "total")) {
			List<Map<String, Object>> resumptionRows = rows(resumption, part);
			List<Map<String, Object>> coverageRows = rows(coverage, part);
			List<Map<String, Object>> problemRows = rows(problems, part);
			for (int i = 0; i < resumptionRows.size(); i++) {
				Map<String, Object> row = resumptionRows.get(i);
				@SuppressWarnings("unchecked")
				Map<String, Object> plates = (Map<String, Object>) row.get("plates");
				@SuppressWarnings("unchecked")
				Map<String, Object> open = (Map<String, Object>) problemRows.get(i).get("open");
				List<Long> values = new ArrayList<>(List.of(number(row, "enterprises"), number(row, "filed"),
						number(row, "resumed"), number(plates, "BLUE"), number(plates, "YELLOW"), number(plates, "RED"),
						number(row, "guided"), number(row, "reportedToday")));
				for (String category : FIGURES.subList(CATEGORIES_FROM, CATEGORIES_TO)) {
					values.add(number(open, category));
				}
				values.add(number(row, "returnees"));
				values.add(number(row, "inObservation"));
				// The three dashboards agree with each other.
				assertThat(number(coverageRows.get(i), "guided")).isEqualTo(values.get(6));
				assertThat(number(coverageRows.get(i), "reported")).isEqualTo(values.get(7));
				assertThat(number(coverageRows.get(i), "missing")).isEqualTo(values.get(6) - values.get(7));
				assertThat(number(row, "openProblems")).isEqualTo(
						values.subList(CATEGORIES_FROM, CATEGORIES_TO).stream().mapToLong(Long::longValue).sum());
				figures.put(part + ":" + key(row), values);
			}
		}
		return figures;
	}

	/**
	 * The same figures counted straight from the tables for these zones, rolled up as the
	 * dashboards are: rows for the zone asked and its children, every industry, the
	 * total.
	 */
	private Map<String, List<Long>> expected(Set<UUID> zones, UUID root) {
		Map<UUID, UUID> parents = new HashMap<>();
		database.sql("SELECT id, parent_id FROM zone")
			.map(row -> new UUID[] { row.get("id", UUID.class), row.get("parent_id", UUID.class) })
			.all()
			.collectList()
			.block()
			.forEach(pair -> parents.put(pair[0], pair[1]));
		Map<String, long[]> byZone = new LinkedHashMap<>();
		byZone.put(root.toString(), new long[FIGURES.size()]);
		parents.forEach((zone, parent) -> {
			if (root.equals(parent)) {
				byZone.put(zone.toString(), new long[FIGURES.size()]);
			}
		});
		Map<String, long[]> byIndustry = new LinkedHashMap<>();
		for (dev.fugong.enterprise.domain.Industry industry : dev.fugong.enterprise.domain.Industry.values()) {
			byIndustry.put(industry.name(), new long[FIGURES.size()]);
		}
		long[] total = new long[FIGURES.size()];
		for (Counted enterprise : direct(zones)) {
			UUID zone = enterprise.zone();
			while (zone != null && !byZone.containsKey(zone.toString())) {
				zone = parents.get(zone);
			}
			for (int i = 0; i < FIGURES.size(); i++) {
				if (zone != null) {
					byZone.get(zone.toString())[i] += enterprise.values()[i];
				}
				byIndustry.get(enterprise.industry())[i] += enterprise.values()[i];
				total[i] += enterprise.values()[i];
			}
		}
		Map<String, List<Long>> figures = new LinkedHashMap<>();
		byZone.forEach((zone, values) -> figures.put("byZone:" + zone, list(values)));
		byIndustry.forEach((industry, values) -> figures.put("byIndustry:" + industry, list(values)));
		figures.put("total:", list(total));
		return figures;
	}

	/**
	 * One enterprise counted from the tables: its zone, industry and {@link #FIGURES}.
	 */
	record Counted(UUID zone, String industry, long[] values) {
	}

	/** Every enterprise of these zones, counted from the tables themselves. */
	private List<Counted> direct(Set<UUID> zones) {
		return database
			.sql("""
					SELECT e.zone_id, e.industry, 1 AS enterprises,
					    EXISTS (SELECT 1 FROM filing f WHERE f.enterprise_id = e.id AND f.state IN ('APPROVED', 'FILED'))::int,
					    (e.status = 'OPERATING')::int, (e.plate IS NOT DISTINCT FROM 'BLUE')::int,
					    (e.plate IS NOT DISTINCT FROM 'YELLOW')::int, (e.plate IS NOT DISTINCT FROM 'RED')::int,
					    g.guided::int,
					    (g.guided AND EXISTS (SELECT 1 FROM guide_report r WHERE r.enterprise_id = e.id
					        AND r.report_date = :today AND r.superseded_at IS NULL))::int,
					    p.supplies, p.labour, p.logistics, p.energy, p.funding, p.policy, p.other,
					    r.on_file, r.observed
					FROM enterprise e
					CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM guide_assignment a
					    WHERE a.enterprise_id = e.id AND a.ended_at IS NULL) AS guided) g
					CROSS JOIN LATERAL (SELECT
					    count(*) FILTER (WHERE category = 'SUPPLIES') AS supplies,
					    count(*) FILTER (WHERE category = 'LABOUR') AS labour,
					    count(*) FILTER (WHERE category = 'LOGISTICS') AS logistics,
					    count(*) FILTER (WHERE category = 'ENERGY') AS energy,
					    count(*) FILTER (WHERE category = 'FUNDING') AS funding,
					    count(*) FILTER (WHERE category = 'POLICY') AS policy,
					    count(*) FILTER (WHERE category = 'OTHER') AS other
					    FROM problem p WHERE p.enterprise_id = e.id AND p.status <> 'RESOLVED') p
					CROSS JOIN LATERAL (SELECT count(*) AS on_file,
					    count(*) FILTER (WHERE r.abnormal_at IS NULL AND r.arrival_at <= now()
					        AND r.arrival_day > :today::date - :days::int) AS observed
					    FROM returnee r WHERE r.enterprise_id = e.id) r
					WHERE e.zone_id = ANY(:zones)
					""")
			.bind("today", stats.today())
			.bind("days", observationDays)
			.bind("zones", zones.toArray(UUID[]::new))
			.map(row -> {
				long[] values = new long[FIGURES.size()];
				for (int i = 0; i < FIGURES.size(); i++) {
					values[i] = ((Number) row.get(i + 2)).longValue();
				}
				return new Counted(row.get("zone_id", UUID.class), row.get("industry", String.class), values);
			})
			.all()
			.collectList()
			.block();
	}

	private static List<Long> list(long[] values) {
		List<Long> list = new ArrayList<>();
		for (long value : values) {
			list.add(value);
		}
		return list;
	}

	// Writes through the API.

	private UUID zone(UUID parent, String kind, String name) {
		UUID id = UUID.randomUUID();
		database.sql("INSERT INTO zone (id, parent_id, kind, name) VALUES (:id, :parent, :kind, :name)")
			.bind("id", id)
			.bind("parent", parent)
			.bind("kind", kind)
			.bind("name", name)
			.then()
			.block();
		return id;
	}

	private UUID enterprise(UUID zone, String industry) {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(zone));
		body.put("industry", industry);
		return UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	/** A returnee registered by the enterprise's manager; its id. */
	private Object returnee(UUID enterprise, Instant departed, Instant arrived, Instant expected) {
		return ReturneeFixture
			.registered(web, tokens.managerOf(enterprise),
					ReturneeFixture.body(enterprise, Requests.phone("136"), "420102", departed, arrived, expected))
			.get("id");
	}

	private void approve(UUID enterprise) {
		String manager = tokens.managerOf(enterprise);
		Map<String, Object> filing = OversightFixture.file(web, manager, enterprise);
		OversightFixture
			.upload(web, manager, filing.get("id"), "COMMITMENT_LETTER", "承诺书.pdf", OversightFixture.PDF,
					MediaType.APPLICATION_PDF)
			.expectStatus()
			.isCreated();
		for (String step : List.of("review", "inspect", "approve")) {
			OversightFixture.step(web, official, filing.get("id"), step, "通过").expectStatus().isOk();
		}
	}

	private UUID station(UUID enterprise, String department) {
		UUID guide = GuideFixture.newUser(web).userId();
		GuideFixture.assigned(web, official, guide, enterprise, department);
		return guide;
	}

	private String guide(UUID user, UUID enterprise) {
		return tokens.issue(user, Audience.CONSOLE, new Grant(Role.GUIDE, enterprise));
	}

	private void patch(UUID enterprise, Map<String, Object> changes) {
		web.patch()
			.uri("/api/v1/enterprises/{id}", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(changes)
			.exchange()
			.expectStatus()
			.isOk();
	}

	// Reading answers.

	private Map<String, Object> resumption(String token, String query) {
		return get(token, "/api/v1/stats/resumption?" + query);
	}

	private Map<String, Object> get(String token, String uri) {
		return web.get()
			.uri(uri)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rows(Map<String, Object> answer, String part) {
		Object rows = answer.get(part);
		return rows instanceof List<?> list ? (List<Map<String, Object>>) list : List.of((Map<String, Object>) rows);
	}

	private static String key(Map<String, Object> row) {
		Object zone = row.get("zoneId");
		Object industry = row.get("industry");
		return zone != null ? zone.toString() : industry != null ? industry.toString() : "";
	}

	private static long number(Map<String, Object> map, String key) {
		return ((Number) map.get(key)).longValue();
	}

}
