package dev.fugong.shop.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.shared.validation.PlainText;
import dev.fugong.shop.model.NegativeList.Item;

/** The whole negative list, replacing the one in force. */
record NegativeListRequest(@NotNull @Size(max = 1000) List<@NotNull @Valid ItemRequest> items) {

	List<Item> toItems() {
		return items.stream().map(ItemRequest::toItem).toList();
	}

	/**
	 * One listed kind: an industry, optionally narrowed to a shop kind, from a first to a
	 * last day (open-ended without {@code to}), with the reason applicants are told.
	 */
	@Schema(name = "NegativeListItemRequest")
	record ItemRequest(@NotNull Industry industry, @Size(min = 1, max = 50) @PlainText String shopKind,
			@NotNull LocalDate from, LocalDate to, @NotBlank @Size(max = 300) @PlainText String reason) {

		ItemRequest {
			shopKind = shopKind == null || shopKind.isBlank() ? null : shopKind.strip();
			reason = reason == null ? null : reason.strip();
		}

		Item toItem() {
			return new Item(industry, shopKind, from, to, reason);
		}

	}

}
