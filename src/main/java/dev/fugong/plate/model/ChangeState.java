package dev.fugong.plate.model;

/** Where one plate change stands. */
public enum ChangeState {

	/** In force (or was, until a later change). */
	EFFECTIVE,
	/** A RED waiting for a second official. */
	AWAITING_CONFIRMATION,
	/** A RED the second official turned down. */
	REJECTED,
	/** A RED nobody confirmed within the confirmation window. */
	EXPIRED

}
