package dev.fugong.filing.model;

import java.util.EnumSet;
import java.util.Set;

/** The materials of a filing that come as files (seed 000, "所需材料"). */
public enum FileKind {

	/** 企业复工复产报备表. */
	FILING_FORM,
	/** 企业复工复产疫情防控承诺书 (signed): required before approval. */
	COMMITMENT_LETTER,
	/** 企业上岗人员摸排表. */
	STAFF_SCREENING,
	/** 防疫物资储备情况表. */
	SUPPLIES_INVENTORY,
	/** 疫情防控工作方案. */
	PREVENTION_PLAN,
	/** 应急预案. */
	EMERGENCY_PLAN,
	/** Anything else the enterprise wants on file. */
	OTHER;

	/** What an approval needs on file. */
	public static final Set<FileKind> REQUIRED = EnumSet.of(COMMITMENT_LETTER);

}
