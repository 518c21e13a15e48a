package dev.fugong.inspection.model;

/** Why an inspection took place. */
public enum InspectionKind {

	/** 常态化检查 or a plan's 抽查. */
	ROUTINE,
	/** 回头看: after a YELLOW (or RED), checking the rectification. */
	FOLLOW_UP,
	/** Opened from a complaint (监督举报). */
	COMPLAINT

}
