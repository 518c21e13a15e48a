package dev.fugong.enterprise.domain;

/** 区 / 园区 / 镇 / 街道 / 网格: zones nest, a grid inside a park, town or street. */
public enum ZoneKind {

	DISTRICT, PARK, TOWN, STREET, GRID

}
