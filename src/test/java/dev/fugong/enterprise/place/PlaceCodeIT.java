package dev.fugong.enterprise.place;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fugong.shared.security.TokenService;
import dev.fugong.support.Demo;
import dev.fugong.support.IntegrationTest;
import dev.fugong.support.Json;
import dev.fugong.support.QrImages;
import dev.fugong.support.Requests;
import dev.fugong.support.TestTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A place's codes as the console and the mini-program use them: the printed image, its
 * rotation, the poster with Chinese text, the zip of posters, the gate screen's code.
 */
@IntegrationTest
class PlaceCodeIT {

	@Autowired
	WebTestClient web;

	@Autowired
	TokenService tokenService;

	TestTokens tokens;

	@BeforeEach
	void tokens() {
		tokens = new TestTokens(tokenService);
	}

	@Test
	void theDownloadedImageDecodesToACodeTheMiniProgramAcceptsUntilItIsRotated() {
		UUID place = newPlace(Demo.RUIRUN, "南门", false);
		byte[] png = get("/api/v1/places/{id}/qrcode?format=png&size=400", place).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		String content = QrImages.decode(png);
		assertThat(content).startsWith("https://fugong.local/q/");
		// A console that draws the code itself gets the same content as JSON.
		get("/api/v1/places/{id}/qrcode?format=json", place).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content")
			.isEqualTo(content)
			.jsonPath("$.codeVersion")
			.isEqualTo(1);
		resolve(content).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("南门")
			.jsonPath("$.enterpriseId")
			.isEqualTo(Demo.RUIRUN.toString());

		post("/api/v1/places/{id}/qrcode/rotate", place).expectStatus().isOk();
		resolve(content).expectStatus().isEqualTo(410).expectBody().jsonPath("$.code").isEqualTo("code_rotated");
		String rotated = QrImages
			.decode(get("/api/v1/places/{id}/qrcode", place).expectBody(byte[].class).returnResult().getResponseBody());
		assertThat(rotated).isNotEqualTo(content);
		resolve(rotated).expectStatus().isOk();
	}

	@Test
	void theImageIsCachedByEtagUntilTheCodeChanges() {
		UUID place = newPlace(Demo.RUIRUN, "西门", false);
		String etag = get("/api/v1/places/{id}/qrcode?format=svg&size=300&margin=2", place).expectStatus()
			.isOk()
			.expectHeader()
			.contentType("image/svg+xml")
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();
		web.get()
			.uri("/api/v1/places/{id}/qrcode?format=svg&size=300&margin=2", place)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified();
		post("/api/v1/places/{id}/qrcode/rotate", place).expectStatus().isOk();
		web.get()
			.uri("/api/v1/places/{id}/qrcode?format=svg&size=300&margin=2", place)
			.headers(h -> h.setBearerAuth(tokens.manager()))
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** Spring's parser throws on a malformed If-None-Match: that was a 500. */
	@Test
	void aMalformedIfNoneMatchIsA400NamingTheHeader() {
		UUID place = newPlace(Demo.RUIRUN, "北二门", false);
		for (String ifNoneMatch : List.of("abc, \"x", "\"unterminated", "W/")) {
			web.get()
				.uri("/api/v1/places/{id}/qrcode?format=json", place)
				.headers(h -> h.setBearerAuth(tokens.manager()))
				.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("validation_failed")
				.jsonPath("$.errors[0].field")
				.isEqualTo("If-None-Match");
		}
	}

	@Test
	void sizeMarginAndFormatAreBounded() {
		UUID place = newPlace(Demo.RUIRUN, "北门", false);
		for (String query : List.of("size=5000", "size=10", "margin=99", "margin=-1", "format=gif", "size=abc")) {
			get("/api/v1/places/{id}/qrcode?" + query, place).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	@Test
	void anotherEnterprisesManagerCannotSeeOrRotateTheCode() {
		UUID place = newPlace(Demo.RUIRUN, "员工通道", false);
		String stranger = tokens.managerOf(Demo.TIANYOU);
		web.get()
			.uri("/api/v1/places/{id}/qrcode", place)
			.headers(h -> h.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.post()
			.uri("/api/v1/places/{id}/qrcode/rotate", place)
			.headers(h -> h.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		web.get()
			.uri("/api/v1/places/{id}/qrcode", place)
			.headers(h -> h.setBearerAuth(tokens.guide()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void thePosterShowsTheNamesInChineseAndACodeThatScans() throws IOException {
		UUID east = newPlace(Demo.RUIRUN, "东门岗亭", false);
		UUID west = newPlace(Demo.RUIRUN, "西侧通道", false);
		byte[] eastPdf = poster(east);
		byte[] westPdf = poster(west);
		try (PDDocument document = Loader.loadPDF(eastPdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			String text = new PDFTextStripper().getText(document);
			assertThat(text).contains("瑞润电子有限公司", "东门岗亭", "请使用微信扫码登记");
			BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 100);
			ImageIO.write(page, "png", new File("target/poster-check.png"));
			String content = QrImages.decode(page);
			resolve(content).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("东门岗亭");
		}
		// The place names differ in every character and have the same length: drawn with
		// real glyphs the lines differ; drawn as the missing-glyph box they would not.
		try (PDDocument eastDocument = Loader.loadPDF(eastPdf); PDDocument westDocument = Loader.loadPDF(westPdf)) {
			BufferedImage a = new PDFRenderer(eastDocument).renderImageWithDPI(0, 100);
			BufferedImage b = new PDFRenderer(westDocument).renderImageWithDPI(0, 100);
			int top = (int) ((842 - 700) / 72.0 * 100);
			int bottom = (int) ((842 - 660) / 72.0 * 100);
			assertThat(darkPixels(a, top, bottom)).isGreaterThan(500);
			assertThat(differingPixels(a, b, top, bottom)).isGreaterThan(300);
		}
	}

	@Test
	void allPostersOfAnEnterpriseComeAsOneZip() throws IOException {
		String official = tokens.official();
		Map<String, Object> created = web.post()
			.uri("/api/v1/enterprises")
			.headers(h -> h.setBearerAuth(official))
			.bodyValue(dev.fugong.support.Fixtures.enterprise(Demo.PARK))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		UUID enterprise = UUID.fromString((String) created.get("id"));
		web.get()
			.uri("/api/v1/enterprises/{id}/posters.zip", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
		for (String name : List.of("一号门", "二号门", "二号门")) {
			newPlace(enterprise, name, false, official);
		}
		// A generous timeout: three PDFs with embedded Chinese glyphs take more than the
		// default 5 s on two shared, busy cores.
		WebTestClient patient = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		byte[] zip = patient.get()
			.uri("/api/v1/enterprises/{id}/posters.zip", enterprise)
			.headers(h -> h.setBearerAuth(official))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/zip")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		List<String> names = new ArrayList<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				names.add(entry.getName());
				try (PDDocument poster = Loader.loadPDF(in.readAllBytes())) {
					assertThat(new PDFTextStripper().getText(poster)).contains("号门");
				}
			}
		}
		assertThat(names).containsExactly("一号门-门岗.pdf", "二号门-门岗.pdf", "二号门-门岗-2.pdf");
	}

	@Test
	void theGateScreensCodeIsAcceptedAndFlaggedAsDynamic() {
		UUID place = newPlace(Demo.RUIRUN, "主门岗", true);
		Map<String, Object> dynamic = get("/api/v1/places/{id}/qrcode/dynamic", place).expectStatus()
			.isOk()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(java.time.Instant.parse((String) dynamic.get("validUntil")))
			.isAfter(java.time.Instant.parse((String) dynamic.get("refreshAt")));
		resolve((String) dynamic.get("content")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.dynamicCode")
			.isEqualTo(true)
			.jsonPath("$.requiresDynamicCode")
			.isEqualTo(true);
		byte[] png = get("/api/v1/places/{id}/qrcode/dynamic?format=png", place).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		resolve(QrImages.decode(png)).expectStatus().isOk();
	}

	@Test
	void aPhoneCameraOutsideWeChatIsToldToUseWeChat() {
		web.get()
			.uri("/q/AQEB")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value(page -> assertThat(page).contains("请使用微信扫码登记"));
	}

	private static int darkPixels(BufferedImage image, int top, int bottom) {
		int dark = 0;
		for (int y = top; y < bottom; y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				if ((image.getRGB(x, y) & 0xFF) < 128) {
					dark++;
				}
			}
		}
		return dark;
	}

	private static int differingPixels(BufferedImage a, BufferedImage b, int top, int bottom) {
		int differing = 0;
		for (int y = top; y < bottom; y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				if (a.getRGB(x, y) != b.getRGB(x, y)) {
					differing++;
				}
			}
		}
		return differing;
	}

	private byte[] poster(UUID place) {
		return get("/api/v1/places/{id}/poster.pdf", place).expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec get(String uri, UUID place) {
		return web.get().uri(uri, place).headers(h -> h.setBearerAuth(tokens.manager())).exchange();
	}

	private WebTestClient.ResponseSpec post(String uri, UUID place) {
		return web.post().uri(uri, place).headers(h -> h.setBearerAuth(tokens.manager())).exchange();
	}

	private WebTestClient.ResponseSpec resolve(String code) {
		return web.post()
			.uri("/api/v1/codes/resolve")
			.headers(h -> h.setBearerAuth(tokens.employeeOnMiniProgram()))
			.bodyValue(Map.of("code", code))
			.exchange();
	}

	private UUID newPlace(UUID enterprise, String name, boolean dynamic) {
		return newPlace(enterprise, name, dynamic, tokens.manager());
	}

	private UUID newPlace(UUID enterprise, String name, boolean dynamic, String token) {
		return Requests.createPlace(web, token, enterprise, name, dynamic);
	}

}
