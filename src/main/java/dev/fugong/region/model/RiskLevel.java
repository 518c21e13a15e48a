package dev.fugong.region.model;

/** 疫情风险等级 of a region, as officials set it. Ordered: a higher one wins. */
public enum RiskLevel {

	LOW, MEDIUM, HIGH

}
