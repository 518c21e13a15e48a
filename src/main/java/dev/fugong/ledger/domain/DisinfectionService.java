package dev.fugong.ledger.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.audit.AuditService.AuditEntry;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.crypto.Masking;
import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.id.Ids;
import dev.fugong.shared.problem.ApiException;
import dev.fugong.shared.problem.ProblemCode;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Disinfection, ventilation and vehicle-disinfection rounds (每日台账): a manager records
 * where, when and by whom; the enterprise's readers list a day's rounds with the name
 * masked. The name is encrypted at rest.
 */
@Service
public class DisinfectionService {

	/**
	 * A round may be entered this long after it took place (the ledger of the last days).
	 */
	static final Duration BACKDATE = Duration.ofDays(7);

	/** A round "now" from a clock a little ahead is accepted. */
	static final Duration SKEW = Duration.ofMinutes(5);

	private final DatabaseClient database;

	private final EnterpriseService enterprises;

	private final PersonalDataCipher cipher;

	private final AuditService audit;

	private final LedgerProperties properties;

	private final Clock clock;

	DisinfectionService(DatabaseClient database, EnterpriseService enterprises, PersonalDataCipher cipher,
			AuditService audit, LedgerProperties properties, Clock clock) {
		this.database = database;
		this.enterprises = enterprises;
		this.cipher = cipher;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** The enterprise's manager records a round. */
	@Transactional
	public Mono<Round> record(CurrentUser user, UUID enterpriseId, DisinfectionKind kind, String area, Instant at,
			String by) {
		Instant now = clock.instant();
		Instant when = at == null ? now : at;
		return enterprises.get(user, enterpriseId).flatMap(enterprise -> {
			if (!user.holdsFor(enterpriseId, Role.ENTERPRISE_MANAGER)) {
				return Mono.error(new ApiException.Forbidden(ProblemCode.FORBIDDEN,
						"Only the enterprise's manager records disinfection rounds."));
			}
			if (when.isAfter(now.plus(SKEW))) {
				return Mono.error(new ApiException.InvalidField("at", "is in the future"));
			}
			if (when.isBefore(now.minus(BACKDATE))) {
				return Mono.error(new ApiException.InvalidField("at", "is more than 7 days ago"));
			}
			UUID id = Ids.newId();
			return database.sql("""
					INSERT INTO disinfection (id, enterprise_id, kind, area, at, by_cipher, recorded_by, recorded_at)
					VALUES (:id, :enterprise, :kind, :area, :at, :by, :recordedBy, :now)
					""")
				.bind("id", id)
				.bind("enterprise", enterpriseId)
				.bind("kind", kind.name())
				.bind("area", area)
				.bind("at", when)
				.bind("by", cipher.encrypt(by, Column.DISINFECTION_BY))
				.bind("recordedBy", user.id())
				.bind("now", now)
				.then()
				.then(audit.record(new AuditEntry(user.id(), "DISINFECTION_RECORDED", "disinfection", id.toString(),
						null, Map.of("enterpriseId", enterpriseId.toString(), "kind", kind.name()))))
				.thenReturn(new Round(id, enterpriseId, kind, area, when, Masking.name(by), user.id()));
		});
	}

	/** A day's rounds of an enterprise in the caller's scope, names masked. */
	public Flux<Round> ofDay(CurrentUser user, UUID enterpriseId, LocalDate day) {
		return enterprises.get(user, enterpriseId).flatMapMany(enterprise -> ofDay(enterpriseId, day));
	}

	/**
	 * A day's rounds, names masked, whoever asks: for the ledger and the disclosure
	 * board, which have checked the caller's scope.
	 */
	public Flux<Round> ofDay(UUID enterpriseId, LocalDate day) {
		return database.sql("""
				SELECT id, enterprise_id, kind, area, at, by_cipher, recorded_by FROM disinfection
				WHERE enterprise_id = :enterprise AND at >= :from AND at < :to ORDER BY at, id
				""")
			.bind("enterprise", enterpriseId)
			.bind("from", day.atStartOfDay(properties.zone()).toInstant())
			.bind("to", day.plusDays(1).atStartOfDay(properties.zone()).toInstant())
			.map(this::read)
			.all();
	}

	private Round read(Readable row) {
		return new Round(row.get("id", UUID.class), row.get("enterprise_id", UUID.class),
				DisinfectionKind.valueOf(row.get("kind", String.class)), row.get("area", String.class),
				row.get("at", Instant.class),
				Masking.name(cipher.decrypt(row.get("by_cipher", byte[].class), Column.DISINFECTION_BY)),
				row.get("recorded_by", UUID.class));
	}

	/** A round, with who did it masked. */
	public record Round(UUID id, UUID enterpriseId, DisinfectionKind kind, String area, Instant at, String maskedBy,
			UUID recordedBy) {
	}

}
