package dev.fugong.ledger.domain;

/** A round in the daily ledger (seed 004: 消杀通风; seed 003: 车辆消毒). */
public enum DisinfectionKind {

	DISINFECTION("消毒"), VENTILATION("通风"), VEHICLE("车辆消毒");

	private final String label;

	DisinfectionKind(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

}
