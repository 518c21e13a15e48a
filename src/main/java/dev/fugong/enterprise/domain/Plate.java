package dev.fugong.enterprise.domain;

/** 红黄蓝挂牌: the colour an inspection gives an enterprise. */
public enum Plate {

	/** 蓝牌: approved. */
	BLUE,
	/** 黄牌: problems found, rectify by a date. */
	YELLOW,
	/** 红牌: repeated failure; suspended, its gates deny entry. */
	RED

}
