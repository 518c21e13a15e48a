package dev.fugong.filing.model;

/**
 * How the district handles filings. Seed 000: first every filing was reviewed and
 * approved; later "全面取消复工复产所有审批程序": a filing is recorded and the enterprise resumes at
 * once, with guidance instead of approval (seed 002 forbids holding work back with
 * approvals in low-risk districts).
 */
public enum FilingMode {

	APPROVAL, NOTIFY_ONLY

}
