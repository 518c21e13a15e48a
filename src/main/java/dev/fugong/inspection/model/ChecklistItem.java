package dev.fugong.inspection.model;

/**
 * The checklist of an inspection, after seed 000 (检查内容: 流动员工管控、发热送医流程、场所通风消杀、
 * 员工个人防护、科普宣传) and the problems it names (体温监测、生产线戴口罩), seed 003 (出入登记) and the 防疫物资
 * every enterprise must keep.
 */
public enum ChecklistItem {

	MOBILE_STAFF_CONTROL("流动员工管控"), FEVER_REFERRAL("发热送医流程"), VENTILATION_DISINFECTION("场所通风消杀"),
	PERSONAL_PROTECTION("员工个人防护"), TEMPERATURE_CHECKS("体温监测"), MASKS_ON_LINE("生产线戴口罩"), ENTRY_REGISTRATION("出入登记"),
	PUBLICITY("科普宣传"), SUPPLIES("防疫物资");

	private final String label;

	ChecklistItem(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
