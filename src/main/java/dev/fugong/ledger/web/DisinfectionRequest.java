package dev.fugong.ledger.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.ledger.domain.DisinfectionKind;
import dev.fugong.shared.validation.PlainText;

/**
 * A round: what kind, where, when (now if absent) and who did it (a name, kept encrypted
 * and shown masked).
 */
record DisinfectionRequest(@NotNull DisinfectionKind kind, @NotBlank @Size(max = 100) @PlainText String area,
		Instant at, @NotBlank @Size(max = 50) @PlainText String by) {

	DisinfectionRequest {
		area = area == null ? null : area.strip();
		by = by == null ? null : by.strip();
	}

	@Override
	public String toString() {
		return "DisinfectionRequest[kind=" + kind + ", at=" + at + "]";
	}

}
