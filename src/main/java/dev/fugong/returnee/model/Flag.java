package dev.fugong.returnee.model;

/**
 * Why a registration is accepted but the person must not return yet (seed 004: 湖北等疫情
 * 重点区域一律不得返还; 14天内…与确诊病例、疑似病例密切接触者，一律不得返还). A flagged person is turned away at the gate
 * until its observation would have ended.
 */
public enum Flag {

	/** From, or through, a region that was HIGH risk while the person was there. */
	HIGH_RISK_REGION("途经高风险地区"),

	/** In contact with a confirmed or suspected case in the last 14 days. */
	CONTACT_WITH_CASE("接触确诊或疑似病例");

	private final String label;

	Flag(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
