package dev.fugong.returnee.model;

/** The two daily health reports (seed 004: 每天不少于2次). */
public enum ReportSlot {

	MORNING("上午"), AFTERNOON("下午");

	private final String label;

	ReportSlot(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
