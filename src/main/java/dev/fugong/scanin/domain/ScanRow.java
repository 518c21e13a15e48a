package dev.fugong.scanin.domain;

import java.time.Instant;
import java.util.UUID;

/** One scan-in as written; the temperature is already encrypted. */
record ScanRow(UUID id, Instant scannedAt, UUID personId, UUID placeId, UUID enterpriseId, String clientScanId,
		ScanSource source, boolean admitted, String reasons, String passColor, byte[] temperatureCipher, boolean fever,
		UUID recordedBy, boolean outbound) {
}
