package dev.fugong.stats.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.problem.model.ProblemCategory;
import dev.fugong.stats.model.Counts;

/**
 * The dashboards' tables as the district's daily report (日报) shows them, with Chinese
 * headings, and their files: CSV (UTF-8 with a byte-order mark, which Excel needs to read
 * Chinese) and XLSX. The tables are small (a row per zone or industry), so a file is
 * written whole in memory, off the event loop by the caller.
 */
public final class StatsTables {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private StatsTables() {
	}

	/** Which table. */
	public enum Kind {

		/**
		 * 复工复产: enterprises, filed, resumed, rate, plates, guides' coverage, problems.
		 */
		RESUMPTION("复工复产情况"),
		/** 指导员日报填报: guided enterprises, reported today, missing, coverage. */
		GUIDE_REPORTS("指导员日报填报情况"),
		/** 企业困难问题: unresolved problems by category. */
		PROBLEMS("企业困难问题（未解决）");

		private final String title;

		Kind(String title) {
			this.title = title;
		}

		public String title() {
			return title;
		}

	}

	/** Rows by zone or by industry. */
	public enum By {

		ZONE("按区域"), INDUSTRY("按行业");

		private final String label;

		By(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	/** A titled table: headings and rows of cells (strings and numbers). */
	public record Table(String title, List<String> headers, List<List<Object>> rows) {
	}

	/** One table of a dashboard, with a total row last. */
	public static Table table(StatsService.Dashboard dashboard, Kind kind, By by) {
		List<String> headers = new ArrayList<>();
		headers.add(by == By.ZONE ? "区域" : "行业");
		headers.addAll(switch (kind) {
			case RESUMPTION -> List.of("企业数", "已备案", "已复工", "复工率", "蓝牌", "黄牌", "红牌", "未挂牌", "派驻指导员企业", "今日已报日报",
					"日报覆盖率", "未解决问题", "返岗人员", "医学观察中");
			case GUIDE_REPORTS -> List.of("派驻指导员企业", "今日已报", "今日未报", "覆盖率");
			case PROBLEMS -> {
				List<String> categories = new ArrayList<>();
				for (ProblemCategory category : ProblemCategory.values()) {
					categories.add(category.label());
				}
				categories.add("合计");
				yield categories;
			}
		});
		List<List<Object>> rows = new ArrayList<>();
		for (StatsService.Row row : by == By.ZONE ? dashboard.byZone() : dashboard.byIndustry()) {
			String name = by == By.ZONE ? row.zoneName() : label(row.industry());
			rows.add(cells(name, kind, row.counts()));
		}
		rows.add(cells("合计", kind, dashboard.total()));
		return new Table(kind.title() + "（" + by.label() + "，" + dashboard.date() + "）", List.copyOf(headers),
				List.copyOf(rows));
	}

	private static List<Object> cells(String name, Kind kind, Counts counts) {
		List<Object> cells = new ArrayList<>();
		cells.add(name);
		switch (kind) {
			case RESUMPTION -> cells.addAll(List.of(counts.enterprises(), counts.filed(), counts.resumed(),
					percent(counts.resumptionRate()), counts.blue(), counts.yellow(), counts.red(), counts.noPlate(),
					counts.guided(), Math.min(counts.reported(), counts.guided()), percent(counts.reportCoverage()),
					counts.openProblems(), counts.returnees(), counts.inObservation()));
			case GUIDE_REPORTS -> cells.addAll(List.of(counts.guided(), Math.min(counts.reported(), counts.guided()),
					counts.missing(), percent(counts.reportCoverage())));
			case PROBLEMS -> {
				for (long open : counts.open()) {
					cells.add(open);
				}
				cells.add(counts.openProblems());
			}
		}
		return cells;
	}

	private static String label(String industry) {
		try {
			return Industry.valueOf(industry).label();
		}
		catch (IllegalArgumentException unknown) {
			return industry;
		}
	}

	private static String percent(double ratio) {
		// Whatever the JVM's locale: a decimal point, as the district's sheets write it.
		return String.format(java.util.Locale.ROOT, "%.2f%%", ratio * 100);
	}

	/** The table as CSV: its title on the first line, then the headings and the rows. */
	public static byte[] csv(Table table) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			out.write(BOM);
			try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
					CSVFormat.DEFAULT)) {
				printer.printRecord(table.title());
				printer.printRecord(table.headers());
				for (List<Object> row : table.rows()) {
					printer.printRecord(row);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** The tables as one workbook, a sheet each (named after its title). */
	public static byte[] xlsx(List<Table> tables) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			int index = 0;
			for (Table table : tables) {
				index++;
				Sheet sheet = workbook.createSheet(sheetName(index, table.title()));
				Row title = sheet.createRow(0);
				Cell titleCell = title.createCell(0);
				titleCell.setCellValue(table.title());
				titleCell.setCellStyle(bold);
				Row headers = sheet.createRow(1);
				for (int c = 0; c < table.headers().size(); c++) {
					Cell cell = headers.createCell(c);
					cell.setCellValue(table.headers().get(c));
					cell.setCellStyle(bold);
				}
				for (int r = 0; r < table.rows().size(); r++) {
					Row row = sheet.createRow(r + 2);
					List<Object> cells = table.rows().get(r);
					for (int c = 0; c < cells.size(); c++) {
						Object value = cells.get(c);
						if (value instanceof Number number) {
							row.createCell(c).setCellValue(number.doubleValue());
						}
						else {
							row.createCell(c).setCellValue(String.valueOf(value));
						}
					}
				}
				sheet.setColumnWidth(0, 24 * 256);
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A sheet name Excel accepts: at most 31 characters, none of {@code []:*?/\}. */
	private static String sheetName(int index, String title) {
		String clean = title.replaceAll("[\\[\\]:*?/\\\\]", " ");
		String name = index + " " + clean;
		return name.length() > 31 ? name.substring(0, 31) : name;
	}

}
