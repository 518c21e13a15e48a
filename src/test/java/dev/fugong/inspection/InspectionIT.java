package dev.fugong.inspection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.OversightFixture;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inspections over HTTP: the whole checklist or a 400; failures propose a YELLOW, a
 * repeated failure a RED; photos as downloads; and plans: at least a third, large
 * enterprises always, the same list from the same seed.
 */
@IntegrationTest
class InspectionIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	String official;

	UUID enterprise;

	@BeforeEach
	void setUp() {
		// A first request right after the shared context starts, on a busy two-core box,
		// can take longer than WebTestClient's default 5 s.
		web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
		tokens = new TestTokens(tokenService);
		official = tokens.official();
		enterprise = OversightFixture.enterprise(web, official, Demo.PARK_GRID);
	}

	@Test
	void aFailureGivesAYellowAndASecondFailureProposesARed() {
		Map<String, Object> first = created(OversightFixture.inspect(web, official, enterprise, "ROUTINE",
				Set.of("MASKS_ON_LINE", "TEMPERATURE_CHECKS")));
		assertThat(first).containsEntry("passed", false);
		Map<String, Object> yellow = (Map<String, Object>) first.get("plateChange");
		assertThat(yellow).containsEntry("color", "YELLOW")
			.containsEntry("state", "EFFECTIVE")
			.containsKey("rectifyBy");
		assertThat((String) yellow.get("reason")).contains("生产线戴口罩", "体温监测");
		assertThat((List<Map<String, Object>>) first.get("items")).hasSize(9)
			.filteredOn(item -> Boolean.FALSE.equals(item.get("passed")))
			.extracting(item -> item.get("item"))
			.containsExactlyInAnyOrder("MASKS_ON_LINE", "TEMPERATURE_CHECKS");

		Map<String, Object> again = created(
				OversightFixture.inspect(web, official, enterprise, "FOLLOW_UP", Set.of("MASKS_ON_LINE")));
		assertThat((Map<String, Object>) again.get("plateChange")).containsEntry("color", "RED")
			.containsEntry("state", "AWAITING_CONFIRMATION");
		// Still YELLOW until a second official confirms; a third failure leaves the
		// waiting RED alone.
		assertThat(OversightFixture.enterpriseOf(web, official, enterprise)).containsEntry("plate", "YELLOW");
		assertThat(created(OversightFixture.inspect(web, official, enterprise, "ROUTINE", Set.of("PUBLICITY"))))
			.doesNotContainKey("plateChange");
		// The manager reads its inspections.
		web.get()
			.uri("/api/v1/inspections?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterprise)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(3);
	}

	@Test
	void theWholeChecklistOnceEachAndAFailureSaysWhy() {
		List<Map<String, Object>> items = new ArrayList<>(OversightFixture.checklist(Set.of()));
		items.remove(items.size() - 1);
		post(Map.of("enterpriseId", enterprise.toString(), "kind", "ROUTINE", "items", items)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items");
		items = new ArrayList<>(OversightFixture.checklist(Set.of()));
		items.add(items.get(0));
		post(Map.of("enterpriseId", enterprise.toString(), "kind", "ROUTINE", "items", items)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[9].item");
		items = new ArrayList<>(OversightFixture.checklist(Set.of()));
		items.set(2, Map.of("item", "VENTILATION_DISINFECTION", "result", "FAIL"));
		post(Map.of("enterpriseId", enterprise.toString(), "kind", "ROUTINE", "items", items)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[2].note");
		items.set(2, Map.of("item", "VENTILATION_DISINFECTION", "result", "MAYBE"));
		post(Map.of("enterpriseId", enterprise.toString(), "kind", "ROUTINE", "items", items)).expectStatus()
			.isBadRequest();
		// A COMPLAINT inspection names its complaint.
		post(Map.of("enterpriseId", enterprise.toString(), "kind", "COMPLAINT", "items",
				OversightFixture.checklist(Set.of())))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("complaintId");
		// Nothing was recorded.
		web.get()
			.uri("/api/v1/inspections?enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(0);
	}

	@Test
	void aPhotoOfAnItemIsAnImageByContentAndServedAsADownload() {
		Map<String, Object> inspection = created(
				OversightFixture.inspect(web, official, enterprise, "ROUTINE", Set.of("MASKS_ON_LINE")));
		Object id = inspection.get("id");
		photo(id, "MASKS_ON_LINE", OversightFixture.PDF, "a.png").expectStatus()
			.isEqualTo(415)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("unsupported_file_type");
		photo(id, "MASKS_ON_LINE", OversightFixture.EXE, "a.jpg").expectStatus().isEqualTo(415);
		photo(id, "MASKS_ON_LINE", OversightFixture.PNG, "现场.png").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.contentType")
			.isEqualTo("image/png");
		photo(id, "NOT_AN_ITEM", OversightFixture.PNG, "a.png").expectStatus().isBadRequest();
		byte[] served = web.get()
			.uri("/api/v1/inspections/{id}/items/MASKS_ON_LINE/photo", id)
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterprise)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectHeader()
			.value(HttpHeaders.CONTENT_DISPOSITION, value -> assertThat(value).startsWith("attachment;"))
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(served).isEqualTo(OversightFixture.PNG);
		web.get()
			.uri("/api/v1/inspections/{id}", id)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectBody()
			.jsonPath("$.items[?(@.item == 'MASKS_ON_LINE')].photo")
			.isEqualTo(List.of(true));
		// The manager reads but does not add photos.
		web.post()
			.uri("/api/v1/inspections/{id}/items/PUBLICITY/photo", id)
			.headers(h -> h.setBearerAuth(tokens.managerOf(enterprise)))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts(OversightFixture.PNG, "a.png").build()))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void aPlanDrawsAThirdAtLeastKeepsTheLargeAndRepeatsWithItsSeed() {
		// A zone of our own: the town's grid has no other enterprises.
		UUID zone = Demo.TOWN;
		String admin = tokens.admin();
		List<UUID> small = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			small.add(OversightFixture.enterprise(web, admin, zone, 20));
		}
		UUID large = OversightFixture.enterprise(web, admin, zone, 900);
		String seed = "plan-" + UUID.randomUUID();
		Map<String, Object> plan = created(plan(admin,
				Map.of("zoneId", zone.toString(), "industry", "MANUFACTURING", "fraction", 0.3333, "seed", seed)));
		int population = (Integer) plan.get("population");
		List<Map<String, Object>> drawn = (List<Map<String, Object>>) plan.get("enterprises");
		assertThat(drawn.size() * 3).isGreaterThanOrEqualTo(population);
		assertThat(drawn).filteredOn(entry -> entry.get("id").equals(large.toString()))
			.singleElement()
			.satisfies(entry -> assertThat(entry).containsEntry("reason", "ALWAYS").containsEntry("inspected", false));
		assertThat(plan).containsEntry("seed", seed);

		Map<String, Object> again = created(plan(admin,
				Map.of("zoneId", zone.toString(), "industry", "MANUFACTURING", "fraction", 0.3333, "seed", seed)));
		assertThat((List<Map<String, Object>>) again.get("enterprises")).extracting(entry -> entry.get("id"))
			.containsExactlyElementsOf(drawn.stream().map(entry -> entry.get("id")).toList());

		// Without a seed, one is made and returned.
		Map<String, Object> unseeded = created(plan(admin, Map.of("zoneId", zone.toString(), "fraction", 0.5)));
		assertThat((String) unseeded.get("seed")).hasSize(32);

		// An inspection under the plan shows in it.
		Map<String, Object> first = drawn.get(0);
		Map<String, Object> body = new HashMap<>(Map.of("enterpriseId", first.get("id"), "kind", "ROUTINE", "planId",
				plan.get("id"), "items", OversightFixture.checklist(Set.of())));
		web.post()
			.uri("/api/v1/inspections")
			.headers(h -> h.setBearerAuth(admin))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated();
		web.get()
			.uri("/api/v1/inspection-plans/{id}", plan.get("id"))
			.headers(h -> h.setBearerAuth(admin))
			.exchange()
			.expectBody()
			.jsonPath("$.enterprises[0].inspected")
			.isEqualTo(true);
		// The plan holds only what it drew.
		UUID notDrawn = small.stream()
			.filter(id -> drawn.stream().noneMatch(entry -> entry.get("id").equals(id.toString())))
			.findFirst()
			.orElseThrow();
		body.put("enterpriseId", notDrawn.toString());
		web.post()
			.uri("/api/v1/inspections")
			.headers(h -> h.setBearerAuth(admin))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("planId");
	}

	@Test
	void aFractionUnderAThirdIsA400() {
		plan(official, Map.of("zoneId", Demo.PARK.toString(), "fraction", 0.2)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("fraction");
		plan(official, Map.of("zoneId", Demo.PARK.toString(), "fraction", 1.5)).expectStatus().isBadRequest();
		plan(official, Map.of("zoneId", Demo.PARK.toString(), "fraction", 0.5, "seed", "bad seed!")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("seed");
		plan(official, Map.of("zoneId", Demo.TOWN.toString(), "fraction", 0.5)).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("out_of_scope");
		// The official's own zones when none is named.
		assertThat(created(plan(official, Map.of("fraction", 1))).get("population")).isNotEqualTo(0);
	}

	private WebTestClient.ResponseSpec plan(String token, Map<String, Object> body) {
		return web.post()
			.uri("/api/v1/inspection-plans")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec post(Map<String, Object> body) {
		return web.post().uri("/api/v1/inspections").headers(h -> h.setBearerAuth(official)).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec photo(Object id, String item, byte[] content, String name) {
		return web.post()
			.uri("/api/v1/inspections/{id}/items/{item}/photo", id, item)
			.headers(h -> h.setBearerAuth(official))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts(content, name).build()))
			.exchange();
	}

	private static MultipartBodyBuilder parts(byte[] content, String name) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(MediaType.IMAGE_PNG);
		return parts;
	}

	private static Map<String, Object> created(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isCreated().expectBody(Json.OBJECT).returnResult().getResponseBody();
	}

}
