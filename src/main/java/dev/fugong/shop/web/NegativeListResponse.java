package dev.fugong.shop.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.fugong.enterprise.domain.Industry;
import dev.fugong.shop.domain.NegativeListService.Version;
import dev.fugong.shop.model.NegativeList.Item;

/**
 * A version of the negative list: its items, who set it and when (null before any), and
 * whether the caller may change it.
 */
record NegativeListResponse(List<ItemResponse> items, UUID changedBy, Instant changedAt, boolean editable) {

	static NegativeListResponse of(Version version, boolean editable) {
		return new NegativeListResponse(version.items().stream().map(ItemResponse::of).toList(), version.changedBy(),
				version.changedAt(), editable);
	}

	record ItemResponse(Industry industry, String industryLabel, String shopKind, LocalDate from, LocalDate to,
			String reason) {

		static ItemResponse of(Item item) {
			return new ItemResponse(item.industry(), item.industry().label(), item.shopKind(), item.from(), item.to(),
					item.reason());
		}

	}

}
