package dev.fugong.enterprise.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a create or an update sets; on update a null field stays as it was.
 */
public record EnterpriseChanges(String name, String uscc, Industry industry, Integer batch, UUID zoneId, String address,
		Integer headcount, String shopKind) {

	/**
	 * Fields only officials may change: the filing's identity and classification (the
	 * shop kind decides whether the negative list lists the enterprise).
	 */
	boolean touchesOfficialFields() {
		return uscc != null || industry != null || batch != null || zoneId != null || shopKind != null;
	}

	/** The names of the fields set, for the audit trail (values are not recorded). */
	List<String> fieldNames() {
		List<String> names = new ArrayList<>();
		addIf(names, "name", name);
		addIf(names, "uscc", uscc);
		addIf(names, "industry", industry);
		addIf(names, "batch", batch);
		addIf(names, "zoneId", zoneId);
		addIf(names, "address", address);
		addIf(names, "headcount", headcount);
		addIf(names, "shopKind", shopKind);
		return names;
	}

	private static void addIf(List<String> names, String name, Object value) {
		if (value != null) {
			names.add(name);
		}
	}

}
