package dev.fugong.guide.web;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import dev.fugong.guide.domain.GuideReportService.Draft;
import dev.fugong.guide.domain.GuideReportService.Source;

/**
 * Today's report form of an enterprise, prefilled: each figure the platform knows, with
 * its source in {@code sources} (TODAY_REPORT, SCANS, LAST_REPORT, RETURNEES); absent
 * figures are for the guide to fill. {@code current} is today's report in force, if
 * filed.
 */
record DraftResponse(UUID enterpriseId, LocalDate date, boolean reported, Integer returned, Integer planned,
		Integer local, Integer outOfTown, Integer inObservation, Map<String, Source> sources, ReportResponse current) {

	static DraftResponse of(Draft draft) {
		return new DraftResponse(draft.enterpriseId(), draft.date(), draft.current() != null, draft.returned(),
				draft.planned(), draft.local(), draft.outOfTown(), draft.inObservation(), draft.sources(),
				draft.current() == null ? null : ReportResponse.of(draft.current()));
	}

}
