package dev.fugong.trajectory.model;

/**
 * Why an official or a manager looks up a person's trajectory: stated with every query,
 * recorded in the audit trail and shown to the person.
 */
public enum Purpose {

	/** 流调: tracing the contacts of a confirmed or suspected case. */
	CASE_INVESTIGATION,
	/** 发热随访: following up a fever found at a gate. */
	FEVER_FOLLOW_UP,
	/** 返岗核查: checking a returnee's declaration against its scans. */
	RETURNEE_CHECK,
	/** 密接排查: screening the contacts of a person at risk. */
	CONTACT_SCREENING,
	/** Anything else: the free text says what. */
	OTHER

}
