package dev.fugong.enterprise.domain;

import java.util.UUID;

/**
 * An enterprise was registered or its file changed (zone, industry, name…) and is
 * committed: whatever keeps figures by zone or industry reads it again. Plate and status
 * changes are {@link EnterpriseStandingChanged}.
 */
public record EnterpriseChanged(UUID enterpriseId) {
}
