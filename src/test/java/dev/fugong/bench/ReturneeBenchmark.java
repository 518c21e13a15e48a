package dev.fugong.bench;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import dev.fugong.returnee.domain.StaffSheet;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.awaitility.Awaitility.await;

/**
 * The client of bench/returnees.sh, one step per run: {@code import N} uploads an N-row
 * staff sheet and waits for the import; {@code list N} times N list requests per query
 * (after as many to warm up) and prints p50/p99; {@code export ENTERPRISE} downloads the
 * enterprise's returnees as XLSX and prints the time and size.
 */
public final class ReturneeBenchmark {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static final String RUIRUN = "00000000-0000-7000-8000-000000000101";

	static final String PARK = "00000000-0000-7000-8000-000000000002";

	public static void main(String[] args) throws Exception {
		String base = args[0];
		WebClient web = WebClient.builder()
			.baseUrl(base)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(256 * 1024 * 1024))
			.build();
		switch (args[1]) {
			case "import" -> importSheet(web, Integer.parseInt(args[2]), args.length > 3 ? args[3] : "186");
			case "list" -> list(web, Integer.parseInt(args[2]));
			case "export" -> export(web, args[2]);
			default -> throw new IllegalArgumentException(args[1]);
		}
	}

	static String token(WebClient web, String openid) {
		return (String) web.post()
			.uri("/__dev/tokens")
			.bodyValue(Map.of("openid", openid, "audience", "CONSOLE"))
			.retrieve()
			.bodyToMono(JSON)
			.block()
			.get("accessToken");
	}

	static void importSheet(WebClient web, int rows, String phonePrefix) throws Exception {
		String manager = token(web, "demo-manager");
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			Sheet sheet = workbook.createSheet();
			Row header = sheet.createRow(0);
			for (int i = 0; i < StaffSheet.HEADERS.size(); i++) {
				header.createCell(i).setCellValue(StaffSheet.HEADERS.get(i));
			}
			String[] origins = { "440300", "420102", "330302", "110105", "310101", "510104" };
			for (int r = 1; r <= rows; r++) {
				Row row = sheet.createRow(r);
				row.createCell(0).setCellValue("员工" + r);
				row.createCell(1).setCellValue(phonePrefix + String.format("%08d", r));
				row.createCell(3).setCellValue(origins[r % origins.length]);
				row.createCell(4).setCellValue(today.minusDays(2 + r % 10).toString());
				row.createCell(5).setCellValue(today.minusDays(r % 10).toString());
				row.createCell(6).setCellValue("火车");
				row.createCell(8).setCellValue("否");
			}
			workbook.write(out);
		}
		byte[] sheet = out.toByteArray();
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(sheet) {
			@Override
			public String getFilename() {
				return "staff.xlsx";
			}
		});
		long started = System.nanoTime();
		String id = (String) web.post()
			.uri("/api/v1/enterprises/{id}/staff-imports", RUIRUN)
			.headers(h -> h.setBearerAuth(manager))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.retrieve()
			.bodyToMono(JSON)
			.block()
			.get("importId");
		Map<String, Object> status = await().pollInterval(Duration.ofMillis(250))
			.atMost(Duration.ofMinutes(30))
			.until(() -> web.get()
				.uri("/api/v1/staff-imports/{id}", id)
				.headers(h -> h.setBearerAuth(manager))
				.retrieve()
				.bodyToMono(JSON)
				.block(), answer -> !"RUNNING".equals(answer.get("state")));
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("import of %,d rows (%,d-byte XLSX): %s in %.1f s; imported %s, unchanged %s, rejected %s%n",
				rows, sheet.length, status.get("state"), seconds, status.get("imported"), status.get("unchanged"),
				status.get("rejectedCount"));
	}

	static void list(WebClient web, int n) {
		String manager = token(web, "demo-manager");
		String official = token(web, "demo-official");
		String[][] queries = { { manager, "/api/v1/returnees?enterpriseId=" + RUIRUN + "&size=20" },
				{ manager, "/api/v1/returnees?enterpriseId=" + RUIRUN + "&status=IN_OBSERVATION&size=20" },
				{ manager, "/api/v1/returnees?status=CLEARED&sort=departedAt,asc&page=3&size=50" },
				{ official, "/api/v1/returnees?zoneId=" + PARK + "&status=IN_OBSERVATION&size=20" },
				{ official, "/api/v1/returnees?status=EXPECTED&size=20" }, { official,
						"/api/v1/returnees?enterpriseId=00000000-0000-7000-8000-000000000102&status=CLEARED&size=20" } };
		for (String[] query : queries) {
			List<Long> micros = new ArrayList<>();
			long total = 0;
			for (int i = 0; i < 2 * n; i++) {
				long started = System.nanoTime();
				Map<String, Object> page = web.get()
					.uri(query[1])
					.headers(h -> h.setBearerAuth(query[0]))
					.retrieve()
					.bodyToMono(JSON)
					.block();
				if (i >= n) {
					micros.add((System.nanoTime() - started) / 1000);
				}
				total = ((Number) page.get("total")).longValue();
			}
			Collections.sort(micros);
			System.out.printf("%-100s total %,9d  p50 %6.1f ms  p99 %6.1f ms%n",
					query[1].replace("/api/v1/returnees", ""), total, micros.get(micros.size() / 2) / 1000.0,
					micros.get((int) (micros.size() * 0.99)) / 1000.0);
		}
	}

	static void export(WebClient web, String enterprise) {
		String official = token(web, "demo-official");
		long started = System.nanoTime();
		Long bytes = web.get()
			.uri("/api/v1/returnees/export?format=xlsx&enterpriseId={e}", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.retrieve()
			.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class)
			.map(buffer -> {
				long size = buffer.readableByteCount();
				org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
				return size;
			})
			.reduce(0L, Long::sum)
			.block(Duration.ofMinutes(10));
		System.out.printf("export of enterprise %s as XLSX: %,d bytes in %.1f s%n", enterprise, bytes,
				(System.nanoTime() - started) / 1e9);
	}

	static UUID unused() {
		return UUID.randomUUID();
	}

}
