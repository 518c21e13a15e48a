package dev.fugong.enterprise.domain;

import java.util.UUID;

/**
 * An enterprise's plate or status changed and is committed: whatever caches the
 * enterprise for gate decisions must read it again.
 */
public record EnterpriseStandingChanged(UUID enterpriseId) {
}
