package dev.fugong.scanin.model;

/** Why a gate turns a person away; a DENY lists every reason that applies. */
public enum DenyReason {

	/** 隔离医学观察: a returnee whose 14 days since arrival are not over. */
	IN_OBSERVATION("隔离观察期内"),

	/**
	 * 不得返还 (seed 004): a returnee from or through a high-risk region, or in contact with
	 * a case; turned away until its observation would have ended.
	 */
	RETURN_NOT_ALLOWED("暂不得返岗"),

	/** The person's health status is abnormal. */
	HEALTH_ABNORMAL("健康状态异常"),

	/** 37.3 °C or more: the person is sent to a fever clinic (发热门诊). */
	FEVER("体温≥37.3℃"),

	/** 红牌: the enterprise is on a red plate. */
	ENTERPRISE_RED_PLATE("企业红牌"),

	/** 停产: the enterprise is suspended. */
	ENTERPRISE_SUSPENDED("企业停产"),

	/**
	 * The place admits only with the gate screen's changing code, and got a printed one.
	 */
	DYNAMIC_CODE_REQUIRED("须扫门岗动态码");

	private final String label;

	DenyReason(String label) {
		this.label = label;
	}

	/** The reason as gate staff and managers read it. */
	public String label() {
		return label;
	}

}
