package dev.fugong.shared.security;

/**
 * What a user may do. Each role is held for an object (a {@link Grant}): an enterprise
 * for the enterprise roles, a zone for officials and the district admin.
 */
public enum Role {

	/** 员工 / 居民: scans in, reports health, shows a pass code. */
	EMPLOYEE(true),
	/** 门岗: scans pass codes at the gates of its enterprise. */
	GATE_STAFF(true),
	/** 驻企指导员: stationed in an enterprise; may serve several. */
	GUIDE(true),
	/** 企业防疫负责人: runs its enterprise's records. */
	ENTERPRISE_MANAGER(true),
	/** 园区 / 镇街 / 部门: sees and acts on its zone and every zone below it. */
	OFFICIAL(false),
	/** 区指挥部: everything, district-wide. */
	DISTRICT_ADMIN(false);

	private final boolean enterpriseScoped;

	Role(boolean enterpriseScoped) {
		this.enterpriseScoped = enterpriseScoped;
	}

	/** Held for an enterprise (true) or for a zone (false). */
	public boolean enterpriseScoped() {
		return enterpriseScoped;
	}

	public String authority() {
		return "ROLE_" + name();
	}

}
