package dev.fugong.complaint.model;

/** What a complaint is about (seed 001: 员工反映企业疫情防控工作漏洞). */
public enum ComplaintCategory {

	/** 未戴口罩 / 未发口罩. */
	MASKS,
	/** 未测体温. */
	TEMPERATURE_CHECKS,
	/** 未消毒通风. */
	DISINFECTION,
	/** 返岗人员未隔离观察. */
	QUARANTINE_BREACH,
	/** 人员聚集 / 聚餐. */
	GATHERING,
	/** 未经备案或停产期间开工. */
	UNAUTHORIZED_WORK, OTHER

}
