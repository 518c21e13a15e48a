package dev.fugong.returnee.domain;

/** 交通方式. */
public enum Transport {

	TRAIN("火车"), PLANE("飞机"), BUS("客车"), CAR("自驾"), SHIP("轮船"), OTHER("其他");

	private final String label;

	Transport(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/** By its name or its Chinese label; null if neither. */
	public static Transport parse(String text) {
		for (Transport transport : values()) {
			if (transport.name().equalsIgnoreCase(text) || transport.label.equals(text)) {
				return transport;
			}
		}
		return switch (text) {
			case "高铁", "动车" -> TRAIN;
			case "汽车", "大巴" -> BUS;
			case "私家车", "自驾车" -> CAR;
			case "船" -> SHIP;
			default -> null;
		};
	}

}
