package dev.fugong.returnee.domain;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.fugong.region.domain.RegionCatalog;
import dev.fugong.returnee.model.ObservationRules;
import dev.fugong.shared.validation.IdNumber;
import dev.fugong.shared.validation.Phone;
import dev.fugong.shared.validation.PlainTextValidator;

/**
 * Checks each row of a staff sheet on its own: a bad row is rejected with its number, the
 * column and why (never the value), and never stops the others. A row without an origin
 * is a local employee (上岗人员); with one, a returnee. A row repeating an earlier one of the
 * same file (same phone, same departure) is rejected as a repeat.
 */
final class StaffRows {

	private static final Pattern SEPARATORS = Pattern.compile("[、,，;；\\s]+");

	private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
			DateTimeFormatter.ofPattern("yyyy-M-d"), DateTimeFormatter.ofPattern("yyyyMMdd"),
			DateTimeFormatter.ofPattern("yyyy年M月d日"));

	private final RegionCatalog regions;

	private final ObservationRules rules;

	private final String homeRegion;

	private final int preArrivalDays;

	StaffRows(RegionCatalog regions, ObservationRules rules, String homeRegion, int preArrivalDays) {
		this.regions = regions;
		this.rules = rules;
		this.homeRegion = homeRegion;
		this.preArrivalDays = preArrivalDays;
	}

	/** A row that passed: a local employee when {@code origin} is null. */
	record StaffRow(int number, String name, String phone, String idNumber, String origin, LocalDate departed,
			LocalDate arrival, Transport transport, List<String> route, boolean contact) {

		boolean returnee() {
			return origin != null;
		}

		@Override
		public String toString() {
			return "StaffRow[" + number + "]";
		}

	}

	/**
	 * Why a row is rejected: its number, the column's header, its letter in the file
	 * (null when the file has no such column), and why.
	 */
	record Rejection(int row, String field, String column, String message) {
	}

	/**
	 * @param letters where each header stands in the file (SheetRows.Sheet)
	 */
	record Checked(List<StaffRow> rows, List<Rejection> rejections, SheetRows.Sheet letters) {

		/** A rejection of a row found when writing it (an ID number held by another). */
		Rejection rejection(int row, String field, String message) {
			return new Rejection(row, field, letters.letter(field), message);
		}

	}

	Checked check(SheetRows.Sheet sheet) {
		List<SheetRows.RawRow> raw = sheet.rows();
		List<StaffRow> rows = new ArrayList<>();
		List<Rejection> rejections = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (SheetRows.RawRow row : raw) {
			List<Rejection> problems = new ArrayList<>();
			StaffRow checked = check(sheet, row, problems);
			if (checked != null) {
				String key = checked.phone() + "|" + checked.departed();
				Integer first = seen.putIfAbsent(key, row.number());
				if (first != null) {
					problems.add(reject(sheet, row, StaffSheet.PHONE, "与第" + first + "行重复"));
					checked = null;
				}
			}
			if (checked != null) {
				rows.add(checked);
			}
			rejections.addAll(problems);
		}
		return new Checked(rows, rejections, new SheetRows.Sheet(List.of(), sheet.letters()));
	}

	private StaffRow check(SheetRows.Sheet sheet, SheetRows.RawRow row, List<Rejection> problems) {
		String name = cell(row, StaffSheet.NAME);
		if (name == null) {
			problems.add(reject(sheet, row, StaffSheet.NAME, "必填"));
		}
		else if (name.codePointCount(0, name.length()) > 50 || !PlainTextValidator.isPlain(name, false)
				|| "=+-@".indexOf(name.charAt(0)) >= 0) {
			problems.add(reject(sheet, row, StaffSheet.NAME, "不是有效的姓名"));
		}
		String phoneText = cell(row, StaffSheet.PHONE);
		String phone = phoneText == null ? null : Phone.normalize(phoneText);
		if (phoneText == null) {
			problems.add(reject(sheet, row, StaffSheet.PHONE, "必填"));
		}
		else if (phone == null) {
			problems.add(reject(sheet, row, StaffSheet.PHONE, "不是有效的手机号码"));
		}
		String idNumber = cell(row, StaffSheet.ID_NUMBER);
		if (idNumber != null) {
			idNumber = idNumber.toUpperCase(java.util.Locale.ROOT);
			if (!IdNumber.isValid(idNumber)) {
				problems.add(reject(sheet, row, StaffSheet.ID_NUMBER, "不是有效的身份证号码（校验位不符）"));
			}
		}
		String origin = cell(row, StaffSheet.ORIGIN);
		String departedText = cell(row, StaffSheet.DEPARTED);
		String arrivalText = cell(row, StaffSheet.ARRIVAL);
		LocalDate departed = null;
		LocalDate arrival = null;
		if (origin != null) {
			if (!regions.exists(origin)) {
				problems.add(reject(sheet, row, StaffSheet.ORIGIN, "不是有效的行政区划代码（GB/T 2260，6位）"));
			}
			else if (homeRegion != null && !homeRegion.isEmpty() && regions.chain(origin).contains(homeRegion)) {
				problems.add(reject(sheet, row, StaffSheet.ORIGIN, "在本市以内：不是市外返岗人员"));
			}
			departed = date(sheet, row, StaffSheet.DEPARTED, departedText, problems);
			arrival = date(sheet, row, StaffSheet.ARRIVAL, arrivalText, problems);
			if (departed != null && arrival != null) {
				if (departed.isAfter(arrival)) {
					problems.add(reject(sheet, row, StaffSheet.DEPARTED, "晚于抵达日期"));
				}
				else if (departed.isBefore(arrival.minusDays(60))) {
					problems.add(reject(sheet, row, StaffSheet.DEPARTED, "早于抵达日期60天以上"));
				}
			}
			if (arrival != null && arrival.isAfter(rules.today().plusDays(preArrivalDays))) {
				problems.add(reject(sheet, row, StaffSheet.ARRIVAL, "超过提前" + preArrivalDays + "天报备的期限"));
			}
		}
		else if (departedText != null || arrivalText != null) {
			problems.add(reject(sheet, row, StaffSheet.ORIGIN, "填写了离开或抵达日期时必填"));
		}
		Transport transport = null;
		String transportText = cell(row, StaffSheet.TRANSPORT);
		if (transportText != null) {
			transport = Transport.parse(transportText);
			if (transport == null) {
				problems.add(reject(sheet, row, StaffSheet.TRANSPORT, "应为 火车、飞机、客车、自驾、轮船 或 其他"));
			}
		}
		List<String> route = new ArrayList<>();
		String routeText = cell(row, StaffSheet.ROUTE);
		if (routeText != null) {
			for (String code : SEPARATORS.split(routeText)) {
				if (code.isEmpty()) {
					continue;
				}
				if (!regions.exists(code)) {
					problems.add(reject(sheet, row, StaffSheet.ROUTE, "含有无效的行政区划代码"));
					break;
				}
				route.add(code);
			}
			if (route.size() > ReturneeService.MAX_LEGS) {
				problems.add(reject(sheet, row, StaffSheet.ROUTE, "途经地区过多"));
			}
		}
		Boolean contact = Boolean.FALSE;
		String contactText = cell(row, StaffSheet.CONTACT);
		if (contactText != null) {
			contact = switch (contactText.toLowerCase(java.util.Locale.ROOT)) {
				case "是", "有", "y", "yes", "true", "1" -> Boolean.TRUE;
				case "否", "无", "n", "no", "false", "0" -> Boolean.FALSE;
				default -> null;
			};
			if (contact == null) {
				problems.add(reject(sheet, row, StaffSheet.CONTACT, "应为 是 或 否"));
			}
		}
		if (!problems.isEmpty()) {
			return null;
		}
		return new StaffRow(row.number(), name, phone, idNumber, origin, departed, arrival,
				transport == null ? Transport.OTHER : transport, route, contact);
	}

	private LocalDate date(SheetRows.Sheet sheet, SheetRows.RawRow row, String field, String text,
			List<Rejection> problems) {
		if (text == null) {
			problems.add(reject(sheet, row, field, "返岗人员必填"));
			return null;
		}
		for (DateTimeFormatter format : DATES) {
			try {
				return LocalDate.parse(text, format);
			}
			catch (DateTimeParseException ex) {
				// try the next format
			}
		}
		problems.add(reject(sheet, row, field, "不是有效的日期（如 2020-02-03）"));
		return null;
	}

	private static String cell(SheetRows.RawRow row, String header) {
		String value = row.cell(header);
		if (value == null) {
			return null;
		}
		value = value.strip();
		return value.isEmpty() ? null : value;
	}

	/** The column is the one the file has the header in (null if it lacks it). */
	private static Rejection reject(SheetRows.Sheet sheet, SheetRows.RawRow row, String field, String message) {
		return new Rejection(row.number(), field, sheet.letter(field), message);
	}

}
