package dev.fugong.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Test data for the oversight features (applications, filings, inspections, plates,
 * complaints), set up through the API as the console would.
 */
public final class OversightFixture {

	/** A minimal PDF: what a scanner's "save as PDF" starts with. */
	public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	/** The 8-byte PNG signature and an IHDR chunk. */
	public static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, (byte) 0x90, 0x77, 0x53, (byte) 0xde };

	/** The start of a Windows executable (MZ header, PE offset). */
	public static final byte[] EXE;

	static {
		EXE = new byte[256];
		EXE[0] = 'M';
		EXE[1] = 'Z';
		EXE[0x3c] = (byte) 0x80;
		EXE[0x80] = 'P';
		EXE[0x81] = 'E';
	}

	private OversightFixture() {
	}

	/** A new enterprise in the zone, registered by the official; its id. */
	public static UUID enterprise(WebTestClient web, String officialToken, UUID zoneId) {
		return enterprise(web, officialToken, zoneId, 120);
	}

	public static UUID enterprise(WebTestClient web, String officialToken, UUID zoneId, int headcount) {
		Map<String, Object> body = new HashMap<>(Fixtures.enterprise(zoneId));
		body.put("headcount", headcount);
		return UUID.fromString((String) web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(officialToken))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id"));
	}

	/** A complete filing body (every pledge and 五个一 given). */
	public static Map<String, Object> filing() {
		return new HashMap<>(Map.of("commitment", true, "preventionGroup", true, "staff",
				Map.of("planned", 100, "local", 80, "outOfTown", 20, "fromKeyRegions", 0), "supplies",
				Map.of("masks", 3000, "disinfectantLitres", 50, "thermometers", 6), "isolationRoom", true,
				"preventionPlan", "成立防控领导小组，每日两次测温，每日消杀。", "emergencyPlan", "发现发热立即隔离并报告属地，送发热门诊。", "fiveOnes",
				Map.of("responsibilityLetter", true, "healthInfoForm", true, "emergencyPlan", true, "emergencyTeam",
						true, "managementMechanism", true)));
	}

	/** The manager files; the answer. */
	public static Map<String, Object> file(WebTestClient web, String managerToken, UUID enterpriseId) {
		return web.post()
			.uri("/api/v1/enterprises/{id}/filings", enterpriseId)
			.headers(h -> h.setBearerAuth(managerToken))
			.bodyValue(filing())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** Uploads a file to a filing. */
	public static WebTestClient.ResponseSpec upload(WebTestClient web, String token, Object filingId, String kind,
			String name, byte[] content, MediaType declared) {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("kind", kind);
		parts.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		}).contentType(declared);
		return web.post()
			.uri("/api/v1/filings/{id}/files", filingId)
			.headers(h -> h.setBearerAuth(token))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange();
	}

	/** An official's step on a filing. */
	public static WebTestClient.ResponseSpec step(WebTestClient web, String token, Object filingId, String action,
			String note) {
		var request = web.post()
			.uri("/api/v1/filings/{id}/{action}", filingId, action)
			.headers(h -> h.setBearerAuth(token));
		return note == null ? request.exchange() : request.bodyValue(Map.of("note", note)).exchange();
	}

	/** The whole checklist, passed except the items named. */
	public static List<Map<String, Object>> checklist(Set<String> failed) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (String item : List.of("MOBILE_STAFF_CONTROL", "FEVER_REFERRAL", "VENTILATION_DISINFECTION",
				"PERSONAL_PROTECTION", "TEMPERATURE_CHECKS", "MASKS_ON_LINE", "ENTRY_REGISTRATION", "PUBLICITY",
				"SUPPLIES")) {
			items.add(failed.contains(item) ? Map.of("item", item, "result", "FAIL", "note", "检查发现问题")
					: Map.of("item", item, "result", "PASS"));
		}
		return items;
	}

	/** An official records an inspection; the response. */
	public static WebTestClient.ResponseSpec inspect(WebTestClient web, String token, UUID enterpriseId, String kind,
			Set<String> failed) {
		return web.post()
			.uri("/api/v1/inspections")
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(Map.of("enterpriseId", enterpriseId.toString(), "kind", kind, "items", checklist(failed)))
			.exchange();
	}

	/** An official proposes a plate. */
	public static WebTestClient.ResponseSpec plate(WebTestClient web, String token, UUID enterpriseId, String color,
			String rectifyBy) {
		Map<String, Object> body = new HashMap<>(Map.of("color", color, "reason", "测试：" + color));
		if (rectifyBy != null) {
			body.put("rectifyBy", rectifyBy);
		}
		return web.post()
			.uri("/api/v1/enterprises/{id}/plate", enterpriseId)
			.headers(h -> h.setBearerAuth(token))
			.bodyValue(body)
			.exchange();
	}

	/** The enterprise as its official reads it. */
	public static Map<String, Object> enterpriseOf(WebTestClient web, String token, UUID enterpriseId) {
		return web.get()
			.uri("/api/v1/enterprises/{id}", enterpriseId)
			.headers(h -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	/** A DOCX-shaped ZIP: [Content_Types].xml and word/document.xml. */
	public static byte[] docx() {
		return zip(Map.of("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8), "word/document.xml",
				"<w:document/>".getBytes(StandardCharsets.UTF_8)), null, 0);
	}

	/**
	 * An XLSX-shaped ZIP with one more entry of {@code zeros} zero bytes, compressed as
	 * far as deflate goes: a zip bomb when {@code zeros} is large.
	 */
	public static byte[] xlsxWith(String extraEntry, long zeros) {
		return zip(Map.of("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8), "xl/workbook.xml",
				"<workbook/>".getBytes(StandardCharsets.UTF_8)), extraEntry, zeros);
	}

	private static byte[] zip(Map<String, byte[]> entries, String extraEntry, long zeros) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.setLevel(Deflater.BEST_COMPRESSION);
			// [Content_Types].xml first, as Office writes it.
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(entries.get("[Content_Types].xml"));
			zip.closeEntry();
			for (var entry : entries.entrySet()) {
				if (!entry.getKey().equals("[Content_Types].xml")) {
					zip.putNextEntry(new ZipEntry(entry.getKey()));
					zip.write(entry.getValue());
					zip.closeEntry();
				}
			}
			if (extraEntry != null) {
				zip.putNextEntry(new ZipEntry(extraEntry));
				byte[] block = new byte[1 << 20];
				for (long left = zeros; left > 0; left -= block.length) {
					zip.write(block, 0, (int) Math.min(block.length, left));
				}
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

}
