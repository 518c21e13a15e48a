package dev.fugong.ledger.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * 每日台账 (seed 004): one enterprise's day as an inspection asks for it. Names and phones
 * are masked; nothing here identifies a person outright.
 *
 * @param staffOnFile persons on the enterprise's file (一人一档)
 * @param staffOnSite distinct persons admitted at its gates that day
 */
public record Ledger(String enterpriseName, String uscc, LocalDate date, Instant madeAt, int staffOnFile,
		int staffOnSite, List<ScanLine> scans, List<ReportSlotLine> reports, List<ReturneeLine> returnees,
		List<RoundLine> rounds) {

	public long admitted() {
		return scans.stream().filter(ScanLine::admitted).count();
	}

	public long denied() {
		return scans.size() - admitted();
	}

	public List<ScanLine> fevers() {
		return scans.stream().filter(ScanLine::fever).toList();
	}

	public List<ScanLine> denials() {
		return scans.stream().filter(scan -> !scan.admitted()).toList();
	}

	/**
	 * A scan-in at a gate.
	 *
	 * @param temperature "36.6", or null when none was taken
	 * @param reasons why it was denied, in Chinese, or empty
	 * @param handling for a fever: what the platform did
	 */
	public record ScanLine(Instant at, String maskedName, String maskedPhone, String place, String temperature,
			boolean admitted, boolean fever, String reasons, String handling) {
	}

	/** A health-report slot: how many reported, and who had not (first 200). */
	public record ReportSlotLine(String slot, long reported, long missing, List<String> missingPeople) {
	}

	/** A returnee in observation as the ledger is made. */
	public record ReturneeLine(String maskedName, String maskedPhone, String origin, Instant arrivedAt,
			Instant observationEndsAt, String status) {
	}

	/** A disinfection, ventilation or vehicle round. */
	public record RoundLine(Instant at, String kind, String area, String maskedBy) {
	}

}
