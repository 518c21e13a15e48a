package dev.fugong.guide.domain;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;

import dev.fugong.enterprise.domain.Enterprise;
import dev.fugong.enterprise.domain.EnterpriseService;
import dev.fugong.shared.security.CurrentUser;
import dev.fugong.shared.security.Role;

import org.springframework.stereotype.Service;

/**
 * What a guide sees once signed in: the enterprises it is stationed in (its token's GUIDE
 * grants), each with its team and today's report form, prefilled.
 */
@Service
public class GuideDesk {

	private final EnterpriseService enterprises;

	private final GuideAssignmentService assignments;

	private final GuideReportService reports;

	GuideDesk(EnterpriseService enterprises, GuideAssignmentService assignments, GuideReportService reports) {
		this.enterprises = enterprises;
		this.assignments = assignments;
		this.reports = reports;
	}

	/**
	 * The caller's enterprises as a guide, by name. An assignment made since the token
	 * was issued shows after its next refresh; one ended is gone at once (its tokens are
	 * refused).
	 */
	public Flux<Stationed> mine(CurrentUser guide) {
		List<UUID> ids = List.copyOf(guide.enterprisesAs(Role.GUIDE));
		return enterprises.findAll(ids)
			.sort(Comparator.comparing(Enterprise::name).thenComparing(Enterprise::id))
			.concatMap(enterprise -> assignments.team(enterprise.id())
				.collectList()
				.zipWith(reports.draft(enterprise.id()))
				.map(pair -> new Stationed(enterprise,
						pair.getT1()
							.stream()
							.filter(member -> member.guideUserId().equals(guide.id()))
							.findFirst()
							.orElse(null),
						pair.getT1(), pair.getT2())));
	}

	/**
	 * An enterprise a guide is stationed in.
	 *
	 * @param assignment the guide's own assignment; null where its GUIDE grant was given
	 * directly, without one
	 * @param team the enterprise's guides now
	 * @param today today's report form
	 */
	public record Stationed(Enterprise enterprise, GuideAssignment assignment, List<GuideAssignment> team,
			GuideReportService.Draft today) {
	}

}
