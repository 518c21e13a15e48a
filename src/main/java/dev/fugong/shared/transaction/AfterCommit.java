package dev.fugong.shared.transaction;

import reactor.core.publisher.Mono;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Runs something once the current reactive transaction has committed (and not at all if
 * it rolls back), or at once where there is no transaction: how a feature tells others of
 * a change (an application event) only when the change is there for them to read.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** A step of the transaction's chain that registers {@code action}. */
	public static Mono<Void> run(Runnable action) {
		return TransactionSynchronizationManager.forCurrentTransaction().flatMap(manager -> {
			if (!manager.isSynchronizationActive()) {
				action.run();
				return Mono.<Void>empty();
			}
			manager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(action);
				}
			});
			return Mono.<Void>empty();
		}).onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(action));
	}

}
