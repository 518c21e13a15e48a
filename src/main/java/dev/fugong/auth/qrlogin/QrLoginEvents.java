package dev.fugong.auth.qrlogin;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Ticket changes from every pod, handed to the event streams waiting on this one. The Lua
 * scripts publish {@code <ticket key> <state>} on one channel; each pod subscribes to it
 * once and dispatches by key from a map.
 * <p>
 * Written by hand because a Redis subscription per waiting stream does not scale: Lettuce
 * hands every message to every subscription of the connection, so with 2,000 consoles
 * waiting a confirm took about half a second to reach its stream (docs/benchmarks.md).
 */
@Component
class QrLoginEvents {

	static final String CHANNEL = "qrlogin:events";

	private final ReactiveRedisMessageListenerContainer listeners;

	private final Map<String, Set<Waiting>> waiting = new ConcurrentHashMap<>();

	private final AtomicReference<Mono<Void>> subscription = new AtomicReference<>();

	QrLoginEvents(@Lazy ReactiveRedisMessageListenerContainer listeners) {
		this.listeners = listeners;
	}

	/**
	 * The states this ticket moves to from now on. Every change published after the
	 * returned Mono emits is buffered for the stream, so reading the current state then
	 * loses nothing in between. The stream's registration ends with the Flux built on it.
	 */
	<T> Flux<T> whileWaiting(String ticketKey, Function<Flux<String>, Flux<T>> stream) {
		return Flux.usingWhen(subscribed().then(Mono.fromSupplier(() -> register(ticketKey))),
				registration -> stream.apply(registration.sink.asFlux()),
				registration -> Mono.fromRunnable(() -> unregister(ticketKey, registration)));
	}

	private Waiting register(String ticketKey) {
		Waiting registration = new Waiting();
		waiting.computeIfAbsent(ticketKey, key -> ConcurrentHashMap.newKeySet()).add(registration);
		return registration;
	}

	private void unregister(String ticketKey, Waiting registration) {
		waiting.computeIfPresent(ticketKey, (key, set) -> {
			set.remove(registration);
			return set.isEmpty() ? null : set;
		});
	}

	private void dispatch(ReactiveSubscription.Message<String, String> message) {
		String body = message.getMessage();
		int space = body.indexOf(' ');
		if (space < 0) {
			return;
		}
		Set<Waiting> streams = waiting.get(body.substring(0, space));
		if (streams != null) {
			String state = body.substring(space + 1);
			streams.forEach(stream -> stream.sink.tryEmitNext(state));
		}
	}

	/** Subscribes this pod to the channel once; again after a lost connection. */
	private Mono<Void> subscribed() {
		Mono<Void> current = subscription.get();
		if (current != null) {
			return current;
		}
		AtomicReference<Mono<Void>> self = new AtomicReference<>();
		// The container opens its pub/sub connection on first use, synchronously: not on
		// an event loop.
		Mono<Void> fresh = Mono.defer(() -> listeners.receiveLater(ChannelTopic.of(CHANNEL)))
			.subscribeOn(Schedulers.boundedElastic())
			.doOnNext(messages -> messages.subscribe(this::dispatch,
					error -> subscription.compareAndSet(self.get(), null),
					() -> subscription.compareAndSet(self.get(), null)))
			.doOnError(error -> subscription.compareAndSet(self.get(), null))
			.then()
			.cache();
		self.set(fresh);
		return subscription.compareAndSet(null, fresh) ? fresh : subscription.get();
	}

	private static final class Waiting {

		/** Unicast and buffered: changes wait until the stream reads them. */
		final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();

	}

}
