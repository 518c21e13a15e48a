package dev.fugong.ledger.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.fugong.enterprise.place.domain.PosterRenderer;

import org.springframework.stereotype.Component;

/**
 * The ledger as a workbook (a sheet per part, every scan-in listed) or as a printable PDF
 * (the same parts; of the scan-ins only the denied ones are listed, the admitted ones
 * counted, so a day of a large factory stays a few pages). Rendered off the event loop.
 */
@Component
public class LedgerDocuments {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final PosterRenderer renderer;

	private final ZoneId zone;

	LedgerDocuments(PosterRenderer renderer, LedgerProperties properties) {
		this.renderer = renderer;
		this.zone = properties.zone();
	}

	/** A part of the ledger: a title, its columns and rows. */
	record Part(String title, String note, List<String> headers, List<List<String>> rows, String empty) {
	}

	public Mono<byte[]> xlsx(Ledger ledger) {
		return Mono.fromCallable(() -> workbook(ledger, parts(ledger, true))).subscribeOn(Schedulers.boundedElastic());
	}

	public Mono<byte[]> pdf(Ledger ledger) {
		List<PosterRenderer.Section> sections = new ArrayList<>();
		for (Part part : parts(ledger, false)) {
			List<PosterRenderer.Column> columns = new ArrayList<>();
			for (int c = 0; c < part.headers().size(); c++) {
				columns.add(new PosterRenderer.Column(part.headers().get(c), width(part, c)));
			}
			sections.add(new PosterRenderer.Section(part.title(), part.note(), columns, part.rows(), part.empty()));
		}
		return renderer.sheet(new PosterRenderer.Sheet("企业疫情防控每日台账", header(ledger), sections,
				ledger.enterpriseName() + " · " + ledger.date()));
	}

	private List<String> header(Ledger ledger) {
		return List.of("企业：" + ledger.enterpriseName() + "（" + ledger.uscc() + "）",
				"日期：" + ledger.date() + "    生成时间：" + DATE_TIME.format(ledger.madeAt().atZone(zone)),
				"在册人员 " + ledger.staffOnFile() + " 人，当日到岗 " + ledger.staffOnSite() + " 人；扫码 " + ledger.scans().size()
						+ " 次，放行 " + ledger.admitted() + " 次，拒绝 " + ledger.denied() + " 次，发热 " + ledger.fevers().size()
						+ " 人次；消杀通风 " + ledger.rounds().size() + " 次",
				"姓名、电话已脱敏。");
	}

	List<Part> parts(Ledger ledger, boolean allScans) {
		List<Part> parts = new ArrayList<>();
		parts.add(new Part("概况", null, List.of("项目", "数值"),
				List.of(List.of("在册人员（一人一档）", String.valueOf(ledger.staffOnFile())),
						List.of("当日到岗人数（扫码放行，去重）", String.valueOf(ledger.staffOnSite())),
						List.of("扫码次数", String.valueOf(ledger.scans().size())),
						List.of("放行次数", String.valueOf(ledger.admitted())),
						List.of("拒绝次数", String.valueOf(ledger.denied())),
						List.of("发热人次（≥37.3℃）", String.valueOf(ledger.fevers().size())),
						List.of("观察中返岗人员", String.valueOf(ledger.returnees().size())),
						List.of("消杀通风记录", String.valueOf(ledger.rounds().size()))),
				""));
		List<Ledger.ScanLine> listed = allScans ? ledger.scans() : ledger.denials();
		parts.add(new Part(allScans ? "扫码登记" : "拒绝入场", allScans ? null : "放行的扫码只计数，逐条记录见 XLSX 台账",
				List.of("时间", "姓名", "电话", "场所", "体温", "结果", "原因"),
				listed.stream()
					.map(scan -> row(time(scan.at()), scan.maskedName(), scan.maskedPhone(), scan.place(),
							scan.temperature() == null ? "未测" : scan.temperature(), scan.admitted() ? "放行" : "拒绝",
							scan.reasons()))
					.toList(),
				allScans ? "当日无扫码记录" : "当日无拒绝入场"));
		parts.add(new Part("发热处置", null, List.of("时间", "姓名", "电话", "场所", "体温", "处置"),
				ledger.fevers()
					.stream()
					.map(scan -> row(time(scan.at()), scan.maskedName(), scan.maskedPhone(), scan.place(),
							scan.temperature() == null ? "" : scan.temperature(), scan.handling()))
					.toList(),
				"当日无发热人员"));
		List<List<String>> reportRows = new ArrayList<>();
		for (Ledger.ReportSlotLine slot : ledger.reports()) {
			reportRows.add(row(slot.slot(), String.valueOf(slot.reported()), String.valueOf(slot.missing()),
					String.join("，", slot.missingPeople())
							+ (slot.missing() > slot.missingPeople().size() ? " 等" : "")));
		}
		parts.add(new Part("健康打卡", "已打卡 = 在册人员 − 未打卡；名单过长时 PDF 中截断，完整名单见 XLSX 台账", List.of("时段", "已打卡", "未打卡", "未打卡人员"),
				reportRows, "无"));
		parts.add(new Part("返岗人员观察", "生成台账时的状态", List.of("姓名", "电话", "来自", "到达", "观察结束", "状态"),
				ledger.returnees()
					.stream()
					.map(r -> row(r.maskedName(), r.maskedPhone(), r.origin() == null ? "" : r.origin(),
							dateTime(r.arrivedAt()), dateTime(r.observationEndsAt()), r.status()))
					.toList(),
				"无观察中的返岗人员"));
		parts.add(new Part("消杀通风", null, List.of("时间", "类型", "区域", "执行人"),
				ledger.rounds()
					.stream()
					.map(round -> row(time(round.at()), round.kind(), round.area(), round.maskedBy()))
					.toList(),
				"当日无消杀通风记录"));
		return parts;
	}

	/**
	 * A column's share of the page's width: its longest cell's length, within 3 to 24
	 * characters, so a reason or a list of names gets the room and a time does not.
	 */
	private static float width(Part part, int column) {
		int longest = part.headers().get(column).length();
		for (List<String> row : part.rows()) {
			if (column < row.size()) {
				longest = Math.max(longest, row.get(column).codePointCount(0, row.get(column).length()));
			}
		}
		return Math.max(3, Math.min(24, longest));
	}

	/**
	 * A table row; a value the records lack (a person without a name) is an empty cell.
	 */
	private static List<String> row(String... cells) {
		List<String> row = new ArrayList<>(cells.length);
		for (String cell : cells) {
			row.add(cell == null ? "" : cell);
		}
		return row;
	}

	private String time(Instant at) {
		return at == null ? "" : TIME.format(at.atZone(zone));
	}

	private String dateTime(Instant at) {
		return at == null ? "" : DATE_TIME.format(at.atZone(zone));
	}

	private byte[] workbook(Ledger ledger, List<Part> parts) {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			for (Part part : parts) {
				Sheet sheet = workbook.createSheet(part.title());
				int r = 0;
				if (part == parts.get(0)) {
					for (String line : header(ledger)) {
						sheet.createRow(r++).createCell(0).setCellValue(line);
					}
					r++;
				}
				if (part.note() != null) {
					sheet.createRow(r++).createCell(0).setCellValue(part.note());
				}
				Row headers = sheet.createRow(r++);
				for (int c = 0; c < part.headers().size(); c++) {
					Cell cell = headers.createCell(c);
					cell.setCellValue(part.headers().get(c));
					cell.setCellStyle(bold);
				}
				for (List<String> cells : part.rows()) {
					Row row = sheet.createRow(r++);
					for (int c = 0; c < cells.size(); c++) {
						String value = cells.get(c);
						if (part == parts.get(0) && c == 1) {
							row.createCell(c).setCellValue(Double.parseDouble(value));
						}
						else {
							row.createCell(c).setCellValue(value == null ? "" : value);
						}
					}
				}
				for (int c = 0; c < part.headers().size(); c++) {
					sheet.setColumnWidth(c, (c == 0 ? 28 : 16) * 256);
				}
			}
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
