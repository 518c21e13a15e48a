package dev.fugong.application.model;

import java.util.Optional;

/**
 * Where an enterprise application stands. Only a SUBMITTED application moves: an official
 * of its zone accepts or refuses it, or its applicant withdraws it; the three ends are
 * final (a refused applicant applies again).
 */
public enum ApplicationState {

	SUBMITTED, ACCEPTED, REFUSED, WITHDRAWN;

	/** What may be done to an application. */
	public enum Action {

		ACCEPT, REFUSE, WITHDRAW

	}

	/** The state {@code action} leads to from this one; empty if it is not allowed. */
	public Optional<ApplicationState> after(Action action) {
		if (this != SUBMITTED) {
			return Optional.empty();
		}
		return Optional.of(switch (action) {
			case ACCEPT -> ACCEPTED;
			case REFUSE -> REFUSED;
			case WITHDRAW -> WITHDRAWN;
		});
	}

}
