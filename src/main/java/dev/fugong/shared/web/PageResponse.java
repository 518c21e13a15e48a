package dev.fugong.shared.web;

import java.util.List;

/**
 * One page of a list, as every list endpoint answers: {@code {items, page, size, total}}.
 */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
