package dev.fugong.person;

/** A person's health status as the gate decision reads it. */
public enum HealthStatus {

	NORMAL, ABNORMAL

}
