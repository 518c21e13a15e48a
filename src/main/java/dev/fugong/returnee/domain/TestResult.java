package dev.fugong.returnee.domain;

/** 核酸检测结果. */
public enum TestResult {

	NEGATIVE("阴性"), POSITIVE("阳性"), PENDING("待出结果");

	private final String label;

	TestResult(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
