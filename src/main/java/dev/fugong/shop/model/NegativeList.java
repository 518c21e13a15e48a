package dev.fugong.shop.model;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.fugong.enterprise.domain.Industry;

/**
 * 负面清单 (seed 003): the kinds of shop that may not reopen, by industry and, where given,
 * shop kind, each from a first day to a last day (open-ended without one), with the
 * reason the applicant is told. Days are the district's calendar days.
 */
public final class NegativeList {

	private NegativeList() {
	}

	/**
	 * One listed kind.
	 *
	 * @param industry the industry listed
	 * @param shopKind the shop kind within it; null lists the whole industry
	 * @param from the first day it is listed
	 * @param to the last day it is listed (inclusive); null while open-ended
	 * @param reason why, shown to whoever is refused
	 */
	@Schema(name = "NegativeListItem")
	public record Item(Industry industry, String shopKind, LocalDate from, LocalDate to, String reason) {

		/**
		 * Whether this item lists an enterprise of this industry and shop kind on this
		 * day.
		 */
		public boolean lists(Industry industry, String shopKind, LocalDate day) {
			return this.industry == industry && (this.shopKind == null || sameKind(this.shopKind, shopKind))
					&& !day.isBefore(from) && (to == null || !day.isAfter(to));
		}

	}

	/** The first item that lists this kind on this day, if any. */
	public static Optional<Item> listing(List<Item> items, Industry industry, String shopKind, LocalDate day) {
		return items.stream().filter(item -> item.lists(industry, shopKind, day)).findFirst();
	}

	/** The same, on today's date in the district's time zone. */
	public static Optional<Item> listing(List<Item> items, Industry industry, String shopKind, Clock clock,
			ZoneId zone) {
		return listing(items, industry, shopKind, LocalDate.now(clock.withZone(zone)));
	}

	/**
	 * Shop kinds are free text from a suggested list: compared without surrounding space
	 * and case (KTV and ktv are one kind).
	 */
	static boolean sameKind(String listed, String kind) {
		return kind != null && listed.strip().toLowerCase(Locale.ROOT).equals(kind.strip().toLowerCase(Locale.ROOT));
	}

	/**
	 * The kinds the console suggests, after the shops seed 003 and the district closed.
	 */
	public static final List<String> SUGGESTED_KINDS = List.of("火锅", "KTV", "网吧", "棋牌室", "美容美发", "洗浴足疗", "酒吧", "电影院",
			"健身房", "餐馆", "超市", "药店");

}
