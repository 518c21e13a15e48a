package dev.fugong.returnee.domain;

import java.util.UUID;

import dev.fugong.returnee.model.ReturneeStatus;

/**
 * What a list or an export asks for; every field optional.
 *
 * @param sort one of {@link Sort}
 * @param ascending the sort's direction
 */
public record ReturneeFilter(UUID enterpriseId, UUID zoneId, ReturneeStatus status, Sort sort, boolean ascending) {

	public ReturneeFilter {
		sort = sort == null ? Sort.ARRIVAL : sort;
	}

	/** What a list may be sorted by: each a stored, non-null column. */
	public enum Sort {

		ARRIVAL("arrival_at"), DEPARTURE("departed_at"), REGISTERED("created_at");

		final String column;

		Sort(String column) {
			this.column = column;
		}

	}

}
