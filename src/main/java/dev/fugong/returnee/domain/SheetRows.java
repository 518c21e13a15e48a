package dev.fugong.returnee.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the rows of a staff sheet, streaming: an XLSX through POI's SAX event API (one
 * row in memory at a time; formulas read as the value the file cached, never evaluated;
 * entries that inflate more than 100-fold or past {@code maxUnzipped} refused as zip
 * bombs by POI's ZipSecureFile), a CSV through Commons CSV. Blocking: call it off the
 * event loop. Cells are text; an XLSX date cell becomes {@code yyyy-MM-dd}.
 */
final class SheetRows {

	private SheetRows() {
	}

	/**
	 * One row: its number as the spreadsheet shows it, and its cells in the order of
	 * StaffSheet.HEADERS (an array, not a map: 50,000 rows of maps were most of an
	 * import's heap).
	 */
	record RawRow(int number, String[] cells) {

		String cell(String header) {
			int index = StaffSheet.HEADERS.indexOf(header);
			return index < 0 ? null : cells[index];
		}

		@Override
		public String toString() {
			return "RawRow[" + number + "]";
		}

	}

	/**
	 * The rows of a sheet, and where each of StaffSheet.HEADERS stands in the file: a
	 * rejection names the column the person sees, wherever it moved the columns to.
	 *
	 * @param letters the column letter of each header, in the order of
	 * StaffSheet.HEADERS; null for a header the file lacks
	 */
	record Sheet(List<RawRow> rows, String[] letters) {

		/** The letter of the header's column in the file, or null if it has none. */
		String letter(String header) {
			int index = StaffSheet.HEADERS.indexOf(header);
			return index < 0 ? null : letters[index];
		}

	}

	/** Letters of headers found at these column indexes (0 for A). */
	private static String[] letters(Map<Integer, String> headers) {
		String[] letters = new String[StaffSheet.HEADERS.size()];
		headers.forEach((column, header) -> {
			int index = StaffSheet.HEADERS.indexOf(header);
			if (index >= 0 && letters[index] == null) {
				letters[index] = StaffSheet.letter(column);
			}
		});
		return letters;
	}

	/** The sheet is refused whole; {@code code} is stable, for the console. */
	static final class Refused extends Exception {

		private final String code;

		Refused(String code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

		String code() {
			return code;
		}

	}

	static Sheet xlsx(Path file, int maxRows, long maxUnzipped) throws Refused {
		// POI's limits are static: the same for every import of this process.
		ZipSecureFile.setMinInflateRatio(0.01);
		ZipSecureFile.setMaxEntrySize(maxUnzipped);
		Collector collector = new Collector(maxRows);
		try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = reader.getStylesTable();
			XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
			if (!sheets.hasNext()) {
				throw new Refused("empty_sheet", "The workbook has no sheet.");
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				// formulasNotResults false: a formula cell gives its cached result.
				parser.setContentHandler(
						new XSSFSheetXMLHandler(styles, null, strings, collector, new IsoDates(), false));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (Refused ex) {
			throw ex;
		}
		catch (TooMany ex) {
			throw new Refused("too_many_rows", "The sheet has more than " + maxRows + " rows.");
		}
		catch (Exception ex) {
			if (isZipBomb(ex)) {
				throw new Refused("zip_bomb", "The file unpacks to far more than it holds: refused as a zip bomb.");
			}
			throw new Refused("unreadable", "The file is not a readable XLSX workbook.");
		}
		return new Sheet(collector.rows(), letters(collector.headers));
	}

	private static boolean isZipBomb(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("Zip bomb") || message.contains("max entry size")
					|| message.contains("exceeds the maximum")) {
				return true;
			}
		}
		return false;
	}

	static Sheet csv(Path file, int maxRows) throws Refused {
		List<RawRow> rows = new ArrayList<>();
		Map<Integer, String> found = new HashMap<>();
		try (InputStream in = BOMInputStream.builder().setInputStream(Files.newInputStream(file)).get();
				Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader)) {
			List<String> headers = null;
			for (CSVRecord record : parser) {
				if (headers == null) {
					headers = record.stream().map(String::strip).toList();
					for (int i = 0; i < headers.size(); i++) {
						found.put(i, headers.get(i));
					}
					continue;
				}
				if (rows.size() >= maxRows) {
					throw new Refused("too_many_rows", "The sheet has more than " + maxRows + " rows.");
				}
				String[] cells = new String[StaffSheet.HEADERS.size()];
				for (int i = 0; i < headers.size() && i < record.size(); i++) {
					int index = StaffSheet.HEADERS.indexOf(headers.get(i));
					if (index >= 0) {
						cells[index] = record.get(i);
					}
				}
				// The line a spreadsheet shows: the header is line 1.
				rows.add(new RawRow((int) record.getRecordNumber(), cells));
			}
			if (headers == null) {
				throw new Refused("empty_sheet", "The file has no header row.");
			}
			requireHeaders(headers);
		}
		catch (Refused ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw new Refused("unreadable", "The file is not a readable CSV in UTF-8.");
		}
		return new Sheet(rows, letters(found));
	}

	private static void requireHeaders(List<String> headers) throws Refused {
		for (String required : StaffSheet.REQUIRED) {
			if (!headers.contains(required)) {
				throw new Refused("missing_columns",
						"The sheet lacks the column " + required + ": use the template's headers.");
			}
		}
	}

	private static final class TooMany extends RuntimeException {

		TooMany() {
			super(null, null, false, false);
		}

	}

	/** Collects rows, the first non-empty one being the header. */
	private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final int maxRows;

		private final List<RawRow> rows = new ArrayList<>();

		private Map<Integer, String> headers;

		private Map<Integer, String> current;

		private Refused refused;

		Collector(int maxRows) {
			this.maxRows = maxRows;
		}

		@Override
		public void startRow(int rowNum) {
			current = new HashMap<>();
		}

		@Override
		public void endRow(int rowNum) {
			if (current.values().stream().allMatch(value -> value == null || value.isBlank())) {
				return;
			}
			if (headers == null) {
				headers = new HashMap<>();
				current.forEach((column, value) -> headers.put(column, value.strip()));
				try {
					requireHeaders(List.copyOf(headers.values()));
				}
				catch (Refused ex) {
					refused = ex;
					throw new TooMany();
				}
				return;
			}
			if (rows.size() >= maxRows) {
				throw new TooMany();
			}
			String[] cells = new String[StaffSheet.HEADERS.size()];
			current.forEach((column, value) -> {
				String header = headers.get(column);
				int index = header == null ? -1 : StaffSheet.HEADERS.indexOf(header);
				if (index >= 0) {
					cells[index] = value;
				}
			});
			rows.add(new RawRow(rowNum + 1, cells));
		}

		@Override
		public void cell(String reference, String formattedValue, XSSFComment comment) {
			if (reference != null && formattedValue != null) {
				current.put((int) new CellReference(reference).getCol(), formattedValue);
			}
		}

		List<RawRow> rows() throws Refused {
			if (refused != null) {
				throw refused;
			}
			if (headers == null) {
				throw new Refused("empty_sheet", "The sheet has no header row.");
			}
			return rows;
		}

	}

	/**
	 * Date cells as ISO dates and whole numbers without a fraction or an exponent (a
	 * phone typed as a number), whatever the cell's display format.
	 */
	private static final class IsoDates extends DataFormatter {

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				LocalDate date = DateUtil.getLocalDateTime(value).toLocalDate();
				return date.toString();
			}
			if (value == Math.rint(value) && Math.abs(value) < 1e15) {
				return Long.toString((long) value);
			}
			return super.formatRawCellContents(value, formatIndex, formatString);
		}

	}

}
