package dev.fugong.guide.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.fugong.guide.domain.GuideReport;

/**
 * A version of a daily report; {@code current} if it is the one in force for its day.
 * {@code amends} (on filing) names the version it superseded; {@code versions} (when read
 * one by one) every version of the day, oldest first.
 */
record ReportResponse(UUID id, UUID enterpriseId, LocalDate date, int version, boolean current, int returned,
		int planned, int local, int outOfTown, int inObservation, String notes, UUID filedBy, Instant filedAt,
		Instant supersededAt, UUID amends, List<ReportResponse> versions) {

	static ReportResponse of(GuideReport report) {
		return of(report, null, null);
	}

	static ReportResponse of(GuideReport report, UUID amends, List<ReportResponse> versions) {
		return new ReportResponse(report.id(), report.enterpriseId(), report.date(), report.version(),
				report.supersededAt() == null, report.figures().returned(), report.figures().planned(),
				report.figures().local(), report.figures().outOfTown(), report.figures().inObservation(),
				report.notes(), report.filedBy(), report.filedAt(), report.supersededAt(), amends, versions);
	}

}
