package dev.fugong.shared.security;

/** What a user may do; scoped by the enterprise or zone carried in the same token. */
public enum Role {

	/** 员工 / 居民: scans in, reports health, shows a pass code. */
	EMPLOYEE,
	/** 门岗: scans pass codes at the gates of its enterprise. */
	GATE_STAFF,
	/** 驻企指导员: stationed in one enterprise. */
	GUIDE,
	/** 企业防疫负责人: runs its own enterprise's records. */
	ENTERPRISE_MANAGER,
	/** 园区 / 镇街 / 部门: sees and acts on its zone and every zone below it. */
	OFFICIAL,
	/** 区指挥部: everything, district-wide. */
	DISTRICT_ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
