package dev.fugong.guide.model;

/**
 * Where a guide comes from (seed 000, 四位一体): the industry department, the park, the town
 * or street, the health system each send one person, and two from different departments
 * make an enterprise's team.
 */
public enum Department {

	INDUSTRY("行业主管部门"), PARK("园区"), TOWN("镇街"), HEALTH("卫生健康系统");

	private final String label;

	Department(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
