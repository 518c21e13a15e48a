package dev.fugong.application.web;

import java.time.Instant;
import java.util.UUID;

import dev.fugong.application.domain.EnterpriseApplication;
import dev.fugong.application.model.ApplicationState;
import dev.fugong.enterprise.domain.Industry;

record ApplicationResponse(UUID id, ApplicationState state, String name, String uscc, Industry industry, int batch,
		UUID zoneId, String address, int headcount, String shopKind, String reason, UUID enterpriseId,
		Instant createdAt, Instant decidedAt) {

	static ApplicationResponse of(EnterpriseApplication a) {
		return new ApplicationResponse(a.id(), a.state(), a.name(), a.uscc(), a.industry(), a.batch(), a.zoneId(),
				a.address(), a.headcount(), a.shopKind(), a.reason(), a.enterpriseId(), a.createdAt(), a.decidedAt());
	}

}
