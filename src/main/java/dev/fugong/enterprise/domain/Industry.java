package dev.fugong.enterprise.domain;

/**
 * The fixed list of industries an enterprise is filed under, after the sectors the
 * district reports resumption for (seed 000: 工业、交通运输、金融、农业、建筑、商贸、医疗、学校).
 */
public enum Industry {

	MANUFACTURING("工业制造"), CONSTRUCTION("建筑施工"), TRANSPORT_LOGISTICS("交通运输与物流"), COMMERCE("商贸零售"), HOSPITALITY("住宿餐饮"),
	FINANCE("金融"), AGRICULTURE("农业"), HEALTHCARE("医疗卫生"), EDUCATION("教育"), UTILITIES("水电气讯"), SERVICES("其他服务业"),
	OTHER("其他");

	private final String label;

	Industry(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
