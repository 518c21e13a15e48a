package dev.fugong.enterprise.place.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What a genuine code carries, after its signature was checked.
 *
 * @param kind what the code stands for
 * @param keyId the key that signed it
 * @param subject the place id (place codes), the pass handle (pass codes) or the card id
 * @param codeVersion the place's code version when the code was made (place codes)
 * @param step the 30 s step a dynamic code was made for
 * @param expiresAt when a pass code stops being valid
 */
public record ParsedCode(CodeKind kind, int keyId, UUID subject, int codeVersion, long step, Instant expiresAt) {
}
