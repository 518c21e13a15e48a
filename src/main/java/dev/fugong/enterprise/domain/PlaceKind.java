package dev.fugong.enterprise.domain;

/** 门岗 / 入口 / 卡点 / 工地 / 门店. */
public enum PlaceKind {

	GATE, ENTRANCE, CHECKPOINT, SITE, SHOP

}
