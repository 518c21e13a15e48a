package dev.fugong.pass.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.config.FugongProperties;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.enterprise.place.domain.CodeFormat;
import dev.fugong.enterprise.place.domain.CodeRejectedException;
import dev.fugong.enterprise.place.domain.CodeRejection;
import dev.fugong.person.PersonProfile;
import dev.fugong.person.PersonService;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codes that stand for a person: the pass code on their phone (about a minute, nothing
 * personal inside: a random handle that Redis maps to the person until it expires) and
 * the printed pass card (a card id; revocable).
 */
@Service
public class PassCodes {

	private final CodeFormat format;

	private final ReactiveStringRedisTemplate redis;

	private final UserDirectory users;

	private final PersonService persons;

	private final EnterpriseService enterprises;

	private final PassCardRepository cards;

	private final R2dbcEntityTemplate template;

	private final AuditService audit;

	private final Clock clock;

	private final Duration ttl;

	PassCodes(CodeFormat format, ReactiveStringRedisTemplate redis, UserDirectory users, PersonService persons,
			EnterpriseService enterprises, PassCardRepository cards, R2dbcEntityTemplate template, AuditService audit,
			Clock clock, FugongProperties properties) {
		this.format = format;
		this.redis = redis;
		this.users = users;
		this.persons = persons;
		this.enterprises = enterprises;
		this.cards = cards;
		this.template = template;
		this.audit = audit;
		this.clock = clock;
		this.ttl = properties.codes().passCodeTtl();
	}

	/** A fresh pass code for the signed-in user, who must have bound a phone. */
	public Mono<PassCode> issue(CurrentUser user) {
		return users.findById(user.id())
			.filter(found -> found.personId() != null)
			.switchIfEmpty(Mono.error(() -> new ApiException.Conflict("phone_not_bound",
					"Bind your phone number first: a pass code stands for a person.")))
			.flatMap(found -> {
				UUID handle = Ids.randomUuid();
				Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
				// Kept a little past expiry, so a late scan hears "expired", not
				// "revoked".
				return redis.opsForValue()
					.set(key(handle), found.personId().toString(), ttl.plusSeconds(30))
					.thenReturn(new PassCode(format.pass(handle, expiresAt), expiresAt));
			});
	}

	/**
	 * The person a scanned pass code or card stands for, if it is genuine and still
	 * valid.
	 * @return the holder, or an error {@link CodeRejectedException}
	 */
	public Mono<PassHolder> verify(String content) {
		return Mono.fromCallable(() -> format.verify(content)).flatMap(code -> switch (code.kind()) {
			case PASS -> clock.instant().isBefore(code.expiresAt())
					? redis.opsForValue()
						.get(key(code.subject()))
						.switchIfEmpty(Mono.error(() -> new CodeRejectedException(CodeRejection.PASS_REVOKED)))
						.map(person -> new PassHolder(UUID.fromString(person), null))
					: Mono.error(new CodeRejectedException(CodeRejection.PASS_EXPIRED));
			case CARD -> cards.findById(code.subject())
				.filter(card -> card.revokedAt() == null)
				.switchIfEmpty(Mono.error(() -> new CodeRejectedException(CodeRejection.CARD_REVOKED)))
				.map(card -> new PassHolder(card.personId(), card.id()));
			default -> Mono.error(new CodeRejectedException(CodeRejection.WRONG_KIND));
		});
	}

	/**
	 * A printed card for a person of this enterprise (registered by phone if new), by its
	 * manager or an official over it.
	 */
	@Transactional
	public Mono<IssuedCard> issueCard(CurrentUser user, UUID enterpriseId, String phone, String name) {
		return enterprises.requireWritable(user, enterpriseId)
			.flatMap(enterprise -> persons.findOrRegister(phone, null, name, enterprise.id()))
			.flatMap(person -> template
				.insert(new PassCard(Ids.newId(), person.id(), enterpriseId, user.id(), clock.instant(), null, null))
				.flatMap(card -> audit.record(AuditEntry.of(user.id(), "PASS_CARD_ISSUED", "pass_card", card.id()))
					.thenReturn(issued(card, person))));
	}

	/**
	 * A card the caller may print, with its holder's masked name; the read is audited.
	 */
	public Mono<IssuedCard> card(CurrentUser user, UUID cardId) {
		return visibleCard(user, cardId).flatMap(card -> persons.findById(card.personId())
			.flatMap(person -> audit.record(AuditEntry.of(user.id(), "PASS_CARD_READ", "pass_card", card.id()))
				.thenReturn(issued(card, person))));
	}

	/** Every gate refuses the card from now on. */
	@Transactional
	public Mono<Void> revokeCard(CurrentUser user, UUID cardId) {
		return visibleCard(user, cardId).flatMap(card -> enterprises.requireWritable(user, card.enterpriseId()))
			.then(template.getDatabaseClient()
				.sql("UPDATE pass_card SET revoked_at = :now, revoked_by = :by WHERE id = :id AND revoked_at IS NULL")
				.bind("now", clock.instant())
				.bind("by", user.id())
				.bind("id", cardId)
				.then())
			.then(audit.record(AuditEntry.of(user.id(), "PASS_CARD_REVOKED", "pass_card", cardId)));
	}

	private Mono<PassCard> visibleCard(CurrentUser user, UUID cardId) {
		return cards.findById(cardId)
			.flatMap(card -> enterprises.get(user, card.enterpriseId()).thenReturn(card))
			.onErrorMap(ApiException.NotFound.class, hidden -> new ApiException.NotFound("Pass card"))
			.switchIfEmpty(Mono.error(() -> new ApiException.NotFound("Pass card")));
	}

	private IssuedCard issued(PassCard card, PersonProfile person) {
		return new IssuedCard(card, format.card(card.id()), person.maskedName(), person.maskedPhone());
	}

	private static String key(UUID handle) {
		return "passcode:" + handle;
	}

	/**
	 * @param content the URL to show as a QR code
	 */
	public record PassCode(String content, Instant expiresAt) {
	}

	/** Who a pass code or card stands for; {@code cardId} set for a printed card. */
	public record PassHolder(UUID personId, UUID cardId) {
	}

	public record IssuedCard(PassCard card, String content, String maskedName, String maskedPhone) {
	}

}
