package dev.fugong.scanin.domain;

/** What was scanned: a place's code by the person, or the person's code by gate staff. */
public enum ScanSource {

	PLACE_CODE, DYNAMIC_CODE, PASS_CODE, PASS_CARD

}
