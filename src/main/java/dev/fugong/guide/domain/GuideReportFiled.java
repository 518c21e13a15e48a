package dev.fugong.guide.domain;

import java.time.LocalDate;
import java.util.UUID;

/** A guide filed (or amended) the enterprise's report for the day; committed. */
public record GuideReportFiled(UUID enterpriseId, LocalDate date) {
}
