package dev.fugong.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/**
 * Appends to the audit trail: who did or read what, to which record, and why. Called
 * inside the caller's transaction, so an action and its audit row commit or fail
 * together. Details must never hold personal data in clear: ids and masked values only.
 */
@Service
public class AuditService {

	private final DatabaseClient database;

	private final JsonMapper json;

	AuditService(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	public Mono<Void> record(AuditEntry entry) {
		return database.sql("""
				INSERT INTO audit_event (actor_id, type, subject_type, subject_id, purpose, details)
				VALUES (:actor, :type, :subjectType, :subjectId, :purpose, :details)
				""")
			.bind("actor", Parameter.fromOrEmpty(entry.actorId(), UUID.class))
			.bind("type", entry.type())
			.bind("subjectType", Parameter.fromOrEmpty(entry.subjectType(), String.class))
			.bind("subjectId", Parameter.fromOrEmpty(entry.subjectId(), String.class))
			.bind("purpose", Parameter.fromOrEmpty(entry.purpose(), String.class))
			.bind("details", Json.of(json.writeValueAsString(entry.details())))
			.then();
	}

	/**
	 * The events of these types about one record, newest first: what a person is shown of
	 * who looked it up (issue 12). Served by the partial index of V41.
	 */
	public Flux<RecordedEvent> about(String subjectType, String subjectId, Collection<String> types, int limit) {
		return database.sql("""
				SELECT occurred_at, type, purpose, details FROM audit_event
				WHERE subject_type = :subjectType AND subject_id = :subjectId AND type = ANY(:types)
				ORDER BY occurred_at DESC LIMIT :limit
				""")
			.bind("subjectType", subjectType)
			.bind("subjectId", subjectId)
			.bind("types", types.toArray(String[]::new))
			.bind("limit", limit)
			.map(row -> {
				Json details = row.get("details", Json.class);
				@SuppressWarnings("unchecked")
				Map<String, Object> read = details == null ? Map.of() : json.readValue(details.asString(), Map.class);
				return new RecordedEvent(row.get("occurred_at", Instant.class), row.get("type", String.class),
						row.get("purpose", String.class), read);
			})
			.all();
	}

	/** An event as recorded. */
	public record RecordedEvent(Instant occurredAt, String type, String purpose, Map<String, Object> details) {
	}

	/**
	 * One audit event.
	 *
	 * @param actorId the user who acted; null for the system
	 * @param type what happened, e.g. {@code ENTERPRISE_CREATED}
	 * @param subjectType the kind of record acted on
	 * @param subjectId its id
	 * @param purpose the purpose the actor gave, where one is required (trajectory
	 * queries)
	 * @param details ids and masked values only
	 */
	public record AuditEntry(UUID actorId, String type, String subjectType, String subjectId, String purpose,
			Map<String, ?> details) {

		public AuditEntry {
			details = details == null ? Map.of() : Map.copyOf(details);
		}

		public static AuditEntry of(UUID actorId, String type, String subjectType, Object subjectId) {
			return new AuditEntry(actorId, type, subjectType, String.valueOf(subjectId), null, Map.of());
		}

	}

}
