package dev.fugong.returnee;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of returnees and health reports ({@code fugong.returnees}).
 *
 * @param zone the district's time zone: days of observation and report slots follow it
 * @param observationDays days of observation after arrival (seed 004: at least 14)
 * @param preArrivalDays how many calendar days before arrival a returnee may be
 * registered (seed 004: 提前2天)
 * @param homeRegion the GB/T 2260 code of the city the district belongs to: a returnee
 * comes from outside it; blank to accept any origin
 * @param retention how long a returnee's record (its travel and tests) is kept after its
 * arrival
 * @param cacheRefresh how often each pod reads the returnees changed elsewhere into its
 * gate cache
 */
@ConfigurationProperties("fugong.returnees")
@Validated
public record ReturneeProperties(@NotNull ZoneId zone, @Min(1) @Max(60) int observationDays,
		@Min(0) @Max(14) int preArrivalDays, @Pattern(regexp = "|[1-9][0-9]{5}") String homeRegion,
		@NotNull Duration retention, @NotNull Duration cacheRefresh, @Valid @NotNull Reports reports,
		@Valid @NotNull Imports imports) {

	/**
	 * Twice-daily health reports (seed 004: 每天不少于2次).
	 *
	 * @param morningDeadline the morning slot is missed without a report by then
	 * @param afternoonOpens reports from then on fill the afternoon slot
	 * @param afternoonDeadline the afternoon slot is missed without a report by then
	 * @param retention how long a report is kept
	 */
	public record Reports(@NotNull LocalTime morningDeadline, @NotNull LocalTime afternoonOpens,
			@NotNull LocalTime afternoonDeadline, @NotNull Duration retention) {
	}

	/**
	 * Staff-sheet imports (上岗人员摸排表).
	 *
	 * @param maxFileSize the largest upload
	 * @param maxRows more rows than this and the sheet is refused whole
	 * @param maxUnzippedSize the largest part of an XLSX once unpacked (zip bombs)
	 * @param batchSize rows written per transaction
	 * @param retention how long an import's result is kept
	 */
	public record Imports(@NotNull DataSize maxFileSize, @Min(1) @Max(1_000_000) int maxRows,
			@NotNull DataSize maxUnzippedSize, @Min(1) @Max(5000) int batchSize, @NotNull Duration retention) {
	}

}
