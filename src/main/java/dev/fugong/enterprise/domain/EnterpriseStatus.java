package dev.fugong.enterprise.domain;

/** Where an enterprise stands in resuming work. */
public enum EnterpriseStatus {

	/** Registered, not yet approved to resume. */
	PREPARING,
	/** Resumed work. */
	OPERATING,
	/** 停产: stopped by the authorities; every gate denies entry. */
	SUSPENDED

}
