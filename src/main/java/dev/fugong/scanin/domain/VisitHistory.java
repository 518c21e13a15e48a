package dev.fugong.scanin.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import dev.fugong.shared.crypto.PersonalDataCipher;
import dev.fugong.shared.crypto.PersonalDataCipher.Column;
import dev.fugong.shared.replica.ReplicaReads;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Reads of scan-ins for other features (the trajectory queries and contact screening): a
 * person's visits over a window, and who was at the same places around the same time,
 * read on the replica when there is one ({@link ReplicaReads}: a scan-in of the last
 * moment may be missing). No scope here: callers check the caller's scope and audit the
 * read.
 *
 * <p>
 * Both reads go by the indexes of V4: {@code (person_id, scanned_at)} for one person,
 * {@code (place_id, scanned_at)} for one place around an instant, each over the few day
 * partitions of the window (plan in docs/benchmarks.md).
 */
@Service
public class VisitHistory {

	private final ReplicaReads replicas;

	private final PersonalDataCipher cipher;

	VisitHistory(ReplicaReads replicas, PersonalDataCipher cipher) {
		this.replicas = replicas;
		this.cipher = cipher;
	}

	/** The person's scan-ins in [from, to), newest first, at most {@code limit}. */
	public Mono<List<Visit>> ofPerson(UUID personId, Instant from, Instant to, int limit) {
		return replicas.read(database -> database.sql("""
				SELECT id, scanned_at, place_id, enterprise_id, admitted, reasons, temperature_cipher, fever
				FROM scan_in WHERE person_id = :person AND scanned_at >= :from AND scanned_at < :to
				ORDER BY scanned_at DESC, id DESC LIMIT :limit
				""").bind("person", personId).bind("from", from).bind("to", to).bind("limit", limit).map(row -> {
			byte[] temperature = row.get("temperature_cipher", byte[].class);
			String reasons = row.get("reasons", String.class);
			return new Visit(row.get("id", UUID.class), row.get("scanned_at", Instant.class),
					row.get("place_id", UUID.class), row.get("enterprise_id", UUID.class),
					Boolean.TRUE.equals(row.get("admitted", Boolean.class)),
					(reasons == null || reasons.isEmpty()) ? List.of() : List.of(reasons.split(",")),
					temperature == null ? null : new BigDecimal(cipher.decrypt(temperature, Column.SCAN_TEMPERATURE)),
					Boolean.TRUE.equals(row.get("fever", Boolean.class)));
		}).all().collectList());
	}

	/**
	 * Everyone else who scanned in at a place where the person scanned in [from, to),
	 * within {@code window} either side of the person's scan there: one row per pair of
	 * scans (the person's, the other's), ordered by the other person. Only the person's
	 * scans at {@code enterpriseIds} count (null: anywhere).
	 */
	public Mono<List<Encounter>> encounters(UUID personId, Instant from, Instant to, Duration window,
			Collection<UUID> enterpriseIds, int limit) {
		// The person's scans by (person_id, scanned_at); for each, the place's scans
		// around
		// it by (place_id, scanned_at): a nested loop of index range scans, one per
		// visit.
		String sql = """
				SELECT other.person_id, mine.place_id, mine.enterprise_id, mine.scanned_at AS subject_at,
				       other.scanned_at AS contact_at
				FROM scan_in mine
				JOIN LATERAL (
				    SELECT o.person_id, o.scanned_at FROM scan_in o
				    WHERE o.place_id = mine.place_id
				      AND o.scanned_at BETWEEN mine.scanned_at - make_interval(secs => :window)
				                            AND mine.scanned_at + make_interval(secs => :window)
				      AND o.person_id <> :person
				) other ON true
				WHERE mine.person_id = :person AND mine.scanned_at >= :from AND mine.scanned_at < :to
				  %s
				ORDER BY other.person_id, other.scanned_at
				LIMIT :limit
				""".formatted(enterpriseIds == null ? "" : "AND mine.enterprise_id = ANY(:enterprises)");
		return replicas.read(database -> {
			DatabaseClient.GenericExecuteSpec spec = database.sql(sql)
				.bind("person", personId)
				.bind("from", from)
				.bind("to", to)
				.bind("window", (double) window.toSeconds())
				.bind("limit", limit);
			if (enterpriseIds != null) {
				spec = spec.bind("enterprises", enterpriseIds.toArray(UUID[]::new));
			}
			return spec
				.map(row -> new Encounter(row.get("person_id", UUID.class), row.get("place_id", UUID.class),
						row.get("enterprise_id", UUID.class), row.get("subject_at", Instant.class),
						row.get("contact_at", Instant.class)))
				.all()
				.collectList();
		});
	}

	/**
	 * One scan-in of a person.
	 *
	 * @param temperature the measured temperature, personal data: never logged
	 */
	public record Visit(UUID scanId, Instant at, UUID placeId, UUID enterpriseId, boolean admitted,
			List<String> reasons, BigDecimal temperature, boolean fever) {

		@Override
		public String toString() {
			return "Visit[scanId=" + scanId + ", at=" + at + ", placeId=" + placeId + "]";
		}

	}

	/** Another person's scan at the same place around one of the subject's. */
	public record Encounter(UUID personId, UUID placeId, UUID enterpriseId, Instant subjectAt, Instant contactAt) {
	}

}
