package dev.fugong.scanin.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a scan, as the gate and the person see it.
 *
 * @param direction IN or OUT (a resident leaving a community); IN where the request did
 * not say
 * @param recorded true when this request recorded the scan; false when it returned an
 * earlier answer (same clientScanId, or the same place again within the dedup window)
 */
public record ScanResult(UUID scanId, String decision, List<String> reasons, String passColor, boolean feverClinic,
		PlaceSummary place, Instant scannedAt, boolean recorded, String direction) {

	public record PlaceSummary(UUID id, String name, String enterpriseName) {
	}

	ScanResult replayed() {
		return new ScanResult(scanId, decision, reasons, passColor, feverClinic, place, scannedAt, false, direction);
	}

}
