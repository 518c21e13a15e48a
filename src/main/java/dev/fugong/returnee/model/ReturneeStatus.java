package dev.fugong.returnee.model;

/**
 * Where a returnee stands, derived from the facts and the clock (never set by hand), in
 * order of precedence: ABNORMAL over everything, then EXPECTED, CLEARED, REPORT_OVERDUE,
 * IN_OBSERVATION.
 */
public enum ReturneeStatus {

	/** 待返岗: registered before arrival (up to two days ahead, seed 004). */
	EXPECTED("待返岗"),

	/** 隔离观察中: arrived, the observation days not over. */
	IN_OBSERVATION("隔离观察中"),

	/** 已解除观察: the observation days are over. */
	CLEARED("已解除观察"),

	/** 未按时打卡: in observation and missed a report slot, not reported since. */
	REPORT_OVERDUE("未按时打卡"),

	/** 异常: a positive test, or a report of fever or symptoms. */
	ABNORMAL("健康异常");

	private final String label;

	ReturneeStatus(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
