package dev.fugong.plate.model;

/** What a plate change comes from. */
public enum PlateSource {

	/** An official set it on the console, with a reason. */
	OFFICIAL,
	/** A filing was approved (审核通过的复产企业亮蓝牌). */
	FILING,
	/** An inspection found problems (排查发现问题的企业亮黄牌). */
	INSPECTION,
	/** A follow-up inspection (回头看) after a YELLOW or RED: passed gives BLUE. */
	FOLLOW_UP

}
