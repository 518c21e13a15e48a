package dev.fugong.shared.web;

import org.springframework.util.unit.DataSize;

/**
 * A larger request body for some paths than {@code fugong.http.max-body-size}: a feature
 * that takes uploads declares one as a bean (the staff-sheet import takes 20 MB). The
 * body of such a request is streamed to disk as a multipart file part, never held in
 * memory.
 *
 * @param pathPattern a Spring path pattern, e.g.
 * {@code /api/v1/enterprises/{id}/staff-imports}
 */
public record BodyLimit(String pathPattern, DataSize maxSize) {
}
