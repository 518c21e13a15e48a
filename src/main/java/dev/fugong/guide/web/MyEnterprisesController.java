package dev.fugong.guide.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;

import dev.fugong.enterprise.domain.EnterpriseStatus;
import dev.fugong.enterprise.domain.Industry;
import dev.fugong.enterprise.domain.Plate;
import dev.fugong.guide.domain.GuideAssignment;
import dev.fugong.guide.domain.GuideDesk;
import dev.fugong.guide.model.Department;
import dev.fugong.shared.security.CurrentUser;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a guide sees first: the enterprises it is stationed in, with today's form. */
@RestController
class MyEnterprisesController {

	private final GuideDesk desk;

	MyEnterprisesController(GuideDesk desk) {
		this.desk = desk;
	}

	/** The enterprises the signed-in guide (驻企指导员) is stationed in. */
	@GetMapping(path = "/api/v1/me/enterprises", produces = MediaType.APPLICATION_JSON_VALUE)
	Flux<Stationed> myEnterprises(@AuthenticationPrincipal CurrentUser user) {
		return desk.mine(user).map(Stationed::of);
	}

	/**
	 * An enterprise the caller is stationed in: its file, the caller's own assignment
	 * (absent where the role was given without one), its team, and today's report form.
	 */
	record Stationed(UUID enterpriseId, String name, String address, UUID zoneId, Industry industry, Plate plate,
			EnterpriseStatus status, UUID assignmentId, Department department, Instant assignedAt, List<Member> team,
			DraftResponse today) {

		static Stationed of(GuideDesk.Stationed stationed) {
			GuideAssignment own = stationed.assignment();
			return new Stationed(stationed.enterprise().id(), stationed.enterprise().name(),
					stationed.enterprise().address(), stationed.enterprise().zoneId(),
					stationed.enterprise().industry(), stationed.enterprise().plate(), stationed.enterprise().status(),
					own == null ? null : own.id(), own == null ? null : own.department(),
					own == null ? null : own.assignedAt(),
					stationed.team()
						.stream()
						.map(member -> new Member(member.guideUserId(), member.department(), member.assignedAt()))
						.toList(),
					DraftResponse.of(stationed.today()));
		}

	}

	record Member(UUID guideUserId, Department department, Instant assignedAt) {
	}

}
