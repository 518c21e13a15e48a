package dev.fugong.enterprise.place.domain;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.google.zxing.common.BitMatrix;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.enterprise.place.domain.PlaceCodes.PlaceCode;
import dev.fugong.enterprise.domain.Place;
import dev.fugong.enterprise.domain.PlaceKind;
import dev.fugong.shared.qr.QrCodeRenderer;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Printable PDFs: an A4 poster per place (enterprise and place names, the code,
 * 请使用微信扫码登记) and a wallet-size pass card. The QR code is drawn as vector squares, so it
 * prints sharp at any size; the Chinese text uses Noto Sans SC, embedded as a subset of
 * the glyphs used (a poster is about 60 KB). Rendering happens off the event loop.
 */
@Component
public class PosterRenderer {

	private static final String INSTRUCTION = "请使用微信扫码登记";

	private static final Color GREEN = new Color(0x1A, 0x7F, 0x37);

	private static final Color GREY = new Color(0x60, 0x60, 0x60);

	/**
	 * The quiet zone the QR standard asks for, in modules, where text comes near a code.
	 */
	private static final int QUIET_MODULES = 4;

	private final Clock clock;

	private volatile Fonts fonts;

	PosterRenderer(Clock clock) {
		this.clock = clock;
	}

	/** One A4 poster for one place. */
	public Mono<byte[]> poster(PlaceCode code) {
		return Mono.fromCallable(() -> document(doc -> drawPoster(doc, code))).subscribeOn(Schedulers.boundedElastic());
	}

	/** Every place's poster as its own PDF in one zip, for printing in one go. */
	public Mono<byte[]> posters(List<PlaceCode> codes) {
		return Mono.fromCallable(() -> {
			ByteArrayOutputStream zip = new ByteArrayOutputStream();
			Set<String> names = new HashSet<>();
			try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
				for (PlaceCode code : codes) {
					out.putNextEntry(new ZipEntry(entryName(code.place().place(), names)));
					out.write(document(doc -> drawPoster(doc, code)));
					out.closeEntry();
				}
			}
			return zip.toByteArray();
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** A pass card, 85.6 × 54 mm (bank card size), with the holder's masked name. */
	public Mono<byte[]> card(CardFace card) {
		return Mono.fromCallable(() -> document(doc -> drawCard(doc, card))).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * A printable A4 sheet of tables (the disclosure board, the daily ledger): a title,
	 * lines under it, then sections each with a heading and a table, across as many pages
	 * as it takes, the table's header repeated on each. Same fonts and text map as the
	 * posters.
	 */
	public Mono<byte[]> sheet(Sheet sheet) {
		return Mono.fromCallable(() -> document(doc -> drawSheet(doc, sheet))).subscribeOn(Schedulers.boundedElastic());
	}

	private void drawSheet(Page doc, Sheet sheet) throws IOException {
		PDRectangle a4 = PDRectangle.A4;
		float margin = 40;
		float width = a4.getWidth() - 2 * margin;
		float bottom = 50;
		SheetCursor cursor = new SheetCursor(doc, a4, sheet.footer(), margin, width);
		cursor.next();
		PDPageContentStream content = cursor.content;
		content.setNonStrokingColor(GREEN);
		content.addRect(0, a4.getHeight() - 70, a4.getWidth(), 70);
		content.fill();
		doc.centered(content, doc.bold, sheet.title(), 22, 12, a4.getHeight() - 45, width, Color.WHITE);
		cursor.y = a4.getHeight() - 95;
		for (String line : sheet.lines()) {
			doc.left(cursor.content, doc.regular, line, 11, 7, margin, cursor.y, width, Color.BLACK);
			cursor.y -= 16;
		}
		for (Section section : sheet.sections()) {
			if (cursor.y - 50 < bottom) {
				cursor.next();
			}
			cursor.y -= 20;
			doc.left(cursor.content, doc.bold, section.heading(), 13, 9, margin, cursor.y, width, GREEN);
			cursor.y -= 18;
			if (section.note() != null) {
				doc.left(cursor.content, doc.regular, section.note(), 9, 6, margin, cursor.y, width, GREY);
				cursor.y -= 14;
			}
			float[] widths = new float[section.columns().size()];
			float total = 0;
			for (Column column : section.columns()) {
				total += column.weight();
			}
			for (int i = 0; i < widths.length; i++) {
				widths[i] = width * section.columns().get(i).weight() / total;
			}
			cursor.row(section.columns().stream().map(Column::name).toList(), widths, true);
			if (section.rows().isEmpty()) {
				cursor.row(List.of(section.empty()), new float[] { width }, false);
			}
			for (List<String> row : section.rows()) {
				if (cursor.y - 16 < bottom) {
					cursor.next();
					cursor.row(section.columns().stream().map(Column::name).toList(), widths, true);
				}
				cursor.row(row, widths, false);
			}
		}
		cursor.close();
	}

	/** Where the next row of a sheet goes, and the page it is on. */
	private static final class SheetCursor {

		private final Page doc;

		private final PDRectangle size;

		private final String footer;

		private final float margin;

		private final float width;

		PDPageContentStream content;

		float y;

		private int pages;

		SheetCursor(Page doc, PDRectangle size, String footer, float margin, float width) {
			this.doc = doc;
			this.size = size;
			this.footer = footer;
			this.margin = margin;
			this.width = width;
		}

		void next() throws IOException {
			close();
			PDPage page = doc.page(size);
			content = new PDPageContentStream(doc.document, page);
			pages++;
			doc.left(content, doc.regular, (footer == null ? "" : footer + " · ") + "第 " + pages + " 页", 8, 6, margin,
					25, width, GREY);
			y = size.getHeight() - margin;
		}

		void row(List<String> cells, float[] widths, boolean header) throws IOException {
			float height = 16;
			if (header) {
				content.setNonStrokingColor(new Color(0xE8, 0xF2, 0xEA));
				content.addRect(margin, y - height + 4, width, height);
				content.fill();
			}
			float x = margin;
			for (int i = 0; i < widths.length && i < cells.size(); i++) {
				String cell = cells.get(i) == null ? "" : cells.get(i);
				doc.left(content, header ? doc.bold : doc.regular, cell, 9, 5, x + 3, y - 8, widths[i] - 6,
						Color.BLACK);
				x += widths[i];
			}
			content.setStrokingColor(new Color(0xC8, 0xC8, 0xC8));
			content.setLineWidth(0.5f);
			content.moveTo(margin, y - height + 4);
			content.lineTo(margin + width, y - height + 4);
			content.stroke();
			y -= height;
		}

		void close() throws IOException {
			if (content != null) {
				content.close();
				content = null;
			}
		}

	}

	/**
	 * A sheet to print.
	 *
	 * @param title across the top
	 * @param lines under the title: who, which day
	 * @param sections each a heading and a table
	 * @param footer at the foot of every page, before the page number
	 */
	public record Sheet(String title, List<String> lines, List<Section> sections, String footer) {
	}

	/**
	 * A section of a sheet.
	 *
	 * @param note a line under the heading (where the figures come from), or null
	 * @param empty what the table says when it has no rows
	 */
	public record Section(String heading, String note, List<Column> columns, List<List<String>> rows, String empty) {
	}

	/** A column of a section's table, its width relative to the others'. */
	public record Column(String name, float weight) {
	}

	private void drawPoster(Page doc, PlaceCode code) throws IOException {
		PDRectangle a4 = PDRectangle.A4;
		PDPage page = doc.page(a4);
		Place place = code.place().place();
		float width = a4.getWidth();
		try (PDPageContentStream content = new PDPageContentStream(doc.document, page)) {
			content.setNonStrokingColor(GREEN);
			content.addRect(0, a4.getHeight() - 90, width, 90);
			content.fill();
			doc.centered(content, doc.bold, "扫码登记 · 复工通行", 30, 16, a4.getHeight() - 58, width, Color.WHITE);
			doc.centered(content, doc.bold, code.place().enterprise().name(), 26, 12, 705, width - 80, Color.BLACK);
			doc.centered(content, doc.regular, place.name() + "（" + label(place.kind()) + "）", 20, 10, 672, width - 80,
					Color.BLACK);
			drawQr(content, code.content(), (width - 360) / 2, 280, 360, 0);
			doc.centered(content, doc.bold, INSTRUCTION, 30, 16, 228, width - 80, Color.BLACK);
			if (place.requiresDynamicCode()) {
				doc.centered(content, doc.regular, "本处须扫描门岗屏幕上的动态码方可通行", 15, 8, 195, width - 80,
						new Color(0xC0, 0x1C, 0x1C));
			}
			else {
				doc.centered(content, doc.regular, "进门请扫码，出示登记结果后通行；体温 ≥ 37.3℃ 请勿进入，及时就医", 14, 8, 195, width - 80,
						Color.BLACK);
			}
			doc.centered(
					content, doc.regular, "码版本 " + place.codeVersion() + " · 打印于 "
							+ LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai"))) + " · 如本码已更换，请以新张贴的为准",
					9, 6, 60, width - 80, GREY);
		}
	}

	private void drawCard(Page doc, CardFace card) throws IOException {
		PDRectangle size = new PDRectangle(242.6f, 153f);
		PDPage page = doc.page(size);
		try (PDPageContentStream content = new PDPageContentStream(doc.document, page)) {
			// The code with the quiet zone the QR standard asks for (four modules)
			// fills the card's left part, clear of the text beside it.
			float qrSquare = 138;
			drawQr(content, card.code(), 0, (size.getHeight() - qrSquare) / 2, qrSquare, QUIET_MODULES);
			float left = qrSquare + 2;
			float width = size.getWidth() - left - 8;
			doc.left(content, doc.bold, "复工通行卡", 15, 8, left, 122, width, GREEN);
			doc.left(content, doc.regular, card.maskedName() == null ? "" : card.maskedName(), 12, 7, left, 100, width,
					Color.BLACK);
			doc.left(content, doc.regular, card.maskedPhone(), 10, 6, left, 84, width, Color.BLACK);
			doc.left(content, doc.regular, card.enterpriseName(), 8, 5, left, 66, width, Color.BLACK);
			String id = card.cardId().toString();
			doc.left(content, doc.regular, "卡号 " + id.substring(id.length() - 8), 7, 5, left, 40, width, GREY);
			doc.left(content, doc.regular, "遗失请告知企业作废", 7, 5, left, 28, width, GREY);
		}
	}

	/**
	 * The code as filled squares, one per dark module, in a square of {@code side} whose
	 * lower left corner is at ({@code x}, {@code y}) and whose edge is a quiet zone of
	 * {@code quiet} modules (0 where the page around is blank anyway).
	 */
	private static void drawQr(PDPageContentStream content, String text, float x, float y, float side, int quiet)
			throws IOException {
		BitMatrix modules = QrCodeRenderer.modules(text);
		int count = modules.getWidth();
		float module = side / (count + 2 * quiet);
		x += quiet * module;
		y += quiet * module;
		content.setNonStrokingColor(Color.BLACK);
		for (int row = 0; row < count; row++) {
			for (int column = 0; column < count; column++) {
				if (modules.get(column, row)) {
					content.addRect(x + column * module, y + (count - 1 - row) * module, module, module);
				}
			}
		}
		content.fill();
	}

	private byte[] document(Drawing drawing) throws IOException {
		Fonts loaded = fonts();
		byte[] pdf;
		Set<Integer> used = new HashSet<>();
		try (PDDocument document = new PDDocument();
				TrueTypeFont regular = new TTFParser().parse(new RandomAccessReadBuffer(loaded.regular));
				TrueTypeFont bold = new TTFParser().parse(new RandomAccessReadBuffer(loaded.bold))) {
			Page page = new Page(document, PDType0Font.load(document, regular, true),
					PDType0Font.load(document, bold, true), regular, used);
			drawing.draw(page);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			pdf = out.toByteArray();
			return withTextAsDrawn(pdf, used, regular, bold);
		}
	}

	/**
	 * PDFBox writes the text map of an embedded font by looking each glyph's character up
	 * backwards and taking the lowest code point. Noto Sans SC draws 门 and the radical ⻔
	 * with one glyph, so copying or searching the poster would give ⻔ (PDFBox pull
	 * request 470). Rewritten here from the characters actually drawn.
	 */
	private static byte[] withTextAsDrawn(byte[] pdf, Set<Integer> used, TrueTypeFont regular, TrueTypeFont bold)
			throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			for (PDPage page : document.getPages()) {
				PDResources resources = page.getResources();
				for (COSName name : resources.getFontNames()) {
					if (resources.getFont(name) instanceof PDType0Font font) {
						TrueTypeFont source = font.getName().contains("Bold") ? bold : regular;
						byte[] cmap = toUnicode(used, source.getUnicodeCmapLookup());
						font.getCOSObject()
							.setItem(COSName.TO_UNICODE,
									new PDStream(document, new ByteArrayInputStream(cmap), COSName.FLATE_DECODE));
					}
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
	}

	/**
	 * A ToUnicode CMap (PDF 32000 §9.10.3) from glyph id (the CID here) to the drawn
	 * character.
	 */
	private static byte[] toUnicode(Set<Integer> used, CmapLookup cmap) {
		StringBuilder entries = new StringBuilder();
		int count = 0;
		StringBuilder block = new StringBuilder();
		for (int point : used.stream().sorted().toList()) {
			int glyph = cmap.getGlyphId(point);
			if (glyph <= 0) {
				continue;
			}
			StringBuilder utf16 = new StringBuilder();
			for (char unit : Character.toChars(point)) {
				utf16.append(String.format("%04X", (int) unit));
			}
			block.append(String.format("<%04X> <%s>%n", glyph, utf16));
			if (++count == 100) {
				entries.append(count).append(" beginbfchar\n").append(block).append("endbfchar\n");
				block.setLength(0);
				count = 0;
			}
		}
		if (count > 0) {
			entries.append(count).append(" beginbfchar\n").append(block).append("endbfchar\n");
		}
		String text = """
				/CIDInit /ProcSet findresource begin
				12 dict begin
				begincmap
				/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
				/CMapName /Adobe-Identity-UCS def
				/CMapType 2 def
				1 begincodespacerange
				<0000> <FFFF>
				endcodespacerange
				%sendcmap
				CMapName currentdict /CMap defineresource pop
				end
				end
				""".formatted(entries);
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** The font files, read from the jar once, on first use. */
	private Fonts fonts() {
		Fonts loaded = fonts;
		if (loaded == null) {
			synchronized (this) {
				loaded = fonts;
				if (loaded == null) {
					loaded = new Fonts(read("fonts/NotoSansSC_400Regular.ttf"), read("fonts/NotoSansSC_700Bold.ttf"));
					fonts = loaded;
				}
			}
		}
		return loaded;
	}

	private static byte[] read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The poster font " + path + " is missing from the build", ex);
		}
	}

	private static String entryName(Place place, Set<String> taken) {
		String base = (place.name() + "-" + label(place.kind())).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
		String name = base + ".pdf";
		for (int i = 2; !taken.add(name); i++) {
			name = base + "-" + i + ".pdf";
		}
		return name;
	}

	static String label(PlaceKind kind) {
		return switch (kind) {
			case GATE -> "门岗";
			case ENTRANCE -> "入口";
			case CHECKPOINT -> "卡点";
			case SITE -> "场所";
			case SHOP -> "商铺";
		};
	}

	/**
	 * What a pass card shows: the code, the holder's masked name and phone, the
	 * enterprise.
	 */
	public record CardFace(String code, String maskedName, String maskedPhone, String enterpriseName,
			java.util.UUID cardId) {
	}

	private record Fonts(byte[] regular, byte[] bold) {
	}

	@FunctionalInterface
	private interface Drawing {

		void draw(Page page) throws IOException;

	}

	/** A document being drawn, with its fonts and text helpers. */
	private static final class Page {

		final PDDocument document;

		final PDType0Font regular;

		final PDType0Font bold;

		private final TrueTypeFont glyphs;

		/** Every character drawn, for the text map (see withTextAsDrawn). */
		private final Set<Integer> used;

		Page(PDDocument document, PDType0Font regular, PDType0Font bold, TrueTypeFont glyphs, Set<Integer> used) {
			this.document = document;
			this.regular = regular;
			this.bold = bold;
			this.glyphs = glyphs;
			this.used = used;
		}

		PDPage page(PDRectangle size) {
			PDPage page = new PDPage(size);
			document.addPage(page);
			return page;
		}

		void centered(PDPageContentStream content, PDType0Font font, String text, float size, float minSize, float y,
				float maxWidth, Color color) throws IOException {
			Fitted fitted = fit(font, text, size, minSize, maxWidth);
			float pageWidth = document.getPage(document.getNumberOfPages() - 1).getMediaBox().getWidth();
			write(content, font, fitted, (pageWidth - fitted.width) / 2, y, color);
		}

		void left(PDPageContentStream content, PDType0Font font, String text, float size, float minSize, float x,
				float y, float maxWidth, Color color) throws IOException {
			write(content, font, fit(font, text, size, minSize, maxWidth), x, y, color);
		}

		private void write(PDPageContentStream content, PDType0Font font, Fitted fitted, float x, float y, Color color)
				throws IOException {
			content.beginText();
			content.setNonStrokingColor(color);
			content.setFont(font, fitted.size);
			content.newLineAtOffset(x, y);
			content.showText(fitted.text);
			content.endText();
		}

		/**
		 * The largest size from {@code size} down to {@code minSize} at which the text
		 * fits; shortened with an ellipsis if it does not fit even then. Characters the
		 * font lacks become "?" rather than failing the poster.
		 */
		private Fitted fit(PDType0Font font, String text, float size, float minSize, float maxWidth)
				throws IOException {
			String printable = printable(text);
			for (float s = size; s >= minSize; s -= 1) {
				float width = font.getStringWidth(printable) / 1000 * s;
				if (width <= maxWidth) {
					return new Fitted(printable, s, width);
				}
			}
			String shortened = printable;
			while (shortened.length() > 1 && font.getStringWidth(shortened + "…") / 1000 * minSize > maxWidth) {
				shortened = shortened.substring(0, shortened.offsetByCodePoints(shortened.length(), -1));
			}
			shortened = shortened + "…";
			used.add((int) '…');
			return new Fitted(shortened, minSize, font.getStringWidth(shortened) / 1000 * minSize);
		}

		private String printable(String text) throws IOException {
			StringBuilder out = new StringBuilder(text.length());
			var cmap = glyphs.getUnicodeCmapLookup();
			text.codePoints().forEach(point -> {
				boolean drawable = !Character.isISOControl(point) && cmap.getGlyphId(point) > 0;
				int drawn = drawable ? point : '?';
				used.add(drawn);
				out.appendCodePoint(drawn);
			});
			return out.toString();
		}

	}

	private record Fitted(String text, float size, float width) {
	}

}
