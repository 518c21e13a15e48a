package dev.fugong.enterprise.place.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.domain.EnterpriseStandingChanged;
import dev.fugong.enterprise.domain.Place;
import dev.fugong.enterprise.domain.PlaceView;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The codes of places: the printed one (valid until rotated) and the gate screen's one (a
 * new code every step, the previous still accepted), and the check of a scanned one.
 */
@Service
public class PlaceCodes {

	private final CodeFormat format;

	private final EnterpriseService enterprises;

	private final Clock clock;

	private final long stepMillis;

	/**
	 * Places by id for scans, two seconds at most: a gate's burst reads one place
	 * hundreds of times. A rotation on this pod evicts at once; on another pod, its old
	 * code passes here for up to two seconds more.
	 */
	private final AsyncCache<UUID, PlaceView> recent = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(2))
		.maximumSize(100_000)
		.buildAsync();

	PlaceCodes(CodeFormat format, EnterpriseService enterprises, Clock clock, FugongProperties properties) {
		this.format = format;
		this.enterprises = enterprises;
		this.clock = clock;
		this.stepMillis = properties.codes().dynamicStep().toMillis();
	}

	/**
	 * A plate or status change of an enterprise is seen by this pod's next scan at its
	 * places; other pods see it when their copy expires (two seconds at most).
	 */
	@EventListener
	void on(EnterpriseStandingChanged changed) {
		recent.synchronous().asMap().values().removeIf(view -> view.enterprise().id().equals(changed.enterpriseId()));
	}

	/** The printed code of a place the caller can see. */
	public Mono<PlaceCode> printed(CurrentUser user, UUID placeId) {
		return enterprises.place(user, placeId).map(this::printed);
	}

	/** The printed code of a place already read (posters of a whole enterprise). */
	public PlaceCode printed(PlaceView view) {
		Place place = view.place();
		return new PlaceCode(view, format.place(place.id(), place.codeVersion()), null, null);
	}

	/**
	 * The gate screen's code for now: {@code refreshAt} is when the screen should fetch
	 * the next, {@code validUntil} when this one stops being accepted.
	 */
	public Mono<PlaceCode> dynamic(CurrentUser user, UUID placeId) {
		return enterprises.place(user, placeId).map(view -> {
			long step = clock.millis() / stepMillis;
			Place place = view.place();
			return new PlaceCode(view, format.dynamicPlace(place.id(), place.codeVersion(), step),
					Instant.ofEpochMilli((step + 1) * stepMillis), Instant.ofEpochMilli((step + 2) * stepMillis));
		});
	}

	/** A new code version for the place; every older code is refused from now on. */
	public Mono<Place> rotate(CurrentUser user, UUID placeId) {
		return enterprises.rotatePlaceCode(user, placeId).doOnSuccess(done -> recent.synchronous().invalidate(placeId));
	}

	/**
	 * The place a scanned code names, if the code is genuine, is a place code, and is
	 * current: the place exists, the code's version is the place's, and a dynamic code is
	 * from this step or the one before.
	 * @return the place, or an error {@link CodeRejectedException}
	 */
	public Mono<ScannedPlace> verify(String content) {
		return Mono.fromCallable(() -> checked(format.verify(content)))
			.flatMap(code -> Mono
				.fromFuture(() -> recent.get(code.subject(), (id, executor) -> enterprises.placeForCode(id).toFuture()),
						true)
				.switchIfEmpty(Mono.error(() -> new CodeRejectedException(CodeRejection.PLACE_NOT_FOUND)))
				.flatMap(view -> view.place().codeVersion() == code.codeVersion()
						? Mono.just(new ScannedPlace(view, code.kind() == CodeKind.PLACE_DYNAMIC))
						: Mono.error(new CodeRejectedException(CodeRejection.ROTATED))));
	}

	private ParsedCode checked(ParsedCode code) {
		if (!code.kind().isPlace()) {
			throw new CodeRejectedException(CodeRejection.WRONG_KIND);
		}
		if (code.kind() == CodeKind.PLACE_DYNAMIC) {
			long now = clock.millis() / stepMillis;
			if (code.step() < now - 1) {
				throw new CodeRejectedException(CodeRejection.EXPIRED);
			}
			// One step of grace for a screen whose clock runs a little ahead.
			if (code.step() > now + 1) {
				throw new CodeRejectedException(CodeRejection.NOT_YET_VALID);
			}
		}
		return code;
	}

	Duration step() {
		return Duration.ofMillis(stepMillis);
	}

	/**
	 * @param content the URL to encode in the QR code
	 * @param refreshAt for dynamic codes: when to show the next one
	 * @param validUntil for dynamic codes: when this one stops being accepted
	 */
	public record PlaceCode(PlaceView place, String content, Instant refreshAt, Instant validUntil) {
	}

	/** A place reached through a genuine, current code. */
	public record ScannedPlace(PlaceView place, boolean dynamic) {
	}

}
