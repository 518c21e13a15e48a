package dev.fugong.problem.model;

/**
 * What an enterprise's difficulty is about (企业困难问题, seed 000: 帮助企业解决存在困难和问题).
 */
public enum ProblemCategory {

	SUPPLIES("防疫物资"), LABOUR("用工"), LOGISTICS("物流运输"), ENERGY("水电气能源"), FUNDING("资金"), POLICY("政策"), OTHER("其他");

	private final String label;

	ProblemCategory(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
