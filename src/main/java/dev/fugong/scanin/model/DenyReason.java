package dev.fugong.scanin.model;

/** Why a gate turns a person away; a DENY lists every reason that applies. */
public enum DenyReason {

	/** 隔离医学观察: a returnee whose 14 days since arrival are not over. */
	IN_OBSERVATION,

	/** The person's health status is abnormal. */
	HEALTH_ABNORMAL,

	/** 37.3 °C or more: the person is sent to a fever clinic (发热门诊). */
	FEVER,

	/** 红牌: the enterprise is on a red plate. */
	ENTERPRISE_RED_PLATE,

	/** 停产: the enterprise is suspended. */
	ENTERPRISE_SUSPENDED,

	/**
	 * The place admits only with the gate screen's changing code, and got a printed one.
	 */
	DYNAMIC_CODE_REQUIRED

}
