package dev.fugong.trajectory.domain;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import dev.fugong.audit.AuditService;
import dev.fugong.auth.domain.UserDirectory;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.stereotype.Service;

/**
 * Who looked at my trajectory (issue 12): the trajectory queries and contact screenings
 * whose subject was the signed-in user's person, from the audit trail, newest first.
 */
@Service
public class LookupLog {

	static final int LIMIT = 200;

	private final UserDirectory users;

	private final AuditService audit;

	LookupLog(UserDirectory users, AuditService audit) {
		this.users = users;
		this.audit = audit;
	}

	public Mono<List<Lookup>> mine(CurrentUser user) {
		return users.findById(user.id())
			.filter(found -> found.personId() != null)
			.flatMap(found -> audit
				.about("person", found.personId().toString(),
						List.of(TrajectoryService.QUERIED, TrajectoryService.SCREENED), LIMIT)
				.map(event -> new Lookup(event.occurredAt(),
						event.type().equals(TrajectoryService.QUERIED) ? "TRAJECTORY_QUERY" : "CONTACT_SCREENING",
						(String) event.details().get("actorRole"), (String) event.details().get("actorOrganisation"),
						event.purpose(), (String) event.details().get("outcome")))
				.collectList())
			.defaultIfEmpty(List.of());
	}

	/**
	 * One lookup of the person.
	 *
	 * @param kind TRAJECTORY_QUERY or CONTACT_SCREENING
	 * @param outcome ANSWERED, OUT_OF_SCOPE (nothing of the person was in the looker's
	 * scope) or REFUSED
	 */
	public record Lookup(Instant at, String kind, String actorRole, String actorOrganisation, String purpose,
			String outcome) {
	}

}
