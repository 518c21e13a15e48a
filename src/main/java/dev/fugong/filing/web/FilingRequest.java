package dev.fugong.filing.web;

import dev.fugong.shared.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.fugong.filing.model.Materials;

/**
 * A filing's structured materials (企业复工复产报备表). The pledges of the commitment letter and
 * seed 001's 五个一 must all be given: an enterprise without them may not resume.
 */
record FilingRequest(
		@NotNull @AssertTrue(message = "must be true: the commitment letter's pledges are required") Boolean commitment,
		@NotNull Boolean preventionGroup, @NotNull @Valid StaffCounts staff, @NotNull @Valid SupplyCounts supplies,
		@NotNull Boolean isolationRoom, @NotBlank @Size(max = 5000) @PlainText(multiline = true) String preventionPlan,
		@NotBlank @Size(max = 5000) @PlainText(multiline = true) String emergencyPlan,
		@NotNull @Valid FiveOnes fiveOnes) {

	Materials toMaterials() {
		return new Materials(commitment, preventionGroup,
				new Materials.Staff(staff.planned(), staff.local(), staff.outOfTown(), staff.fromKeyRegions()),
				new Materials.Supplies(supplies.masks(), supplies.disinfectantLitres(), supplies.thermometers()),
				isolationRoom, preventionPlan.strip(), emergencyPlan.strip(),
				new Materials.FiveOnes(true, true, true, true, true));
	}

	record StaffCounts(@NotNull @Min(0) @Max(1_000_000) Integer planned, @NotNull @Min(0) @Max(1_000_000) Integer local,
			@NotNull @Min(0) @Max(1_000_000) Integer outOfTown,
			@NotNull @Min(0) @Max(1_000_000) Integer fromKeyRegions) {

		@AssertTrue(message = "local and outOfTown together cannot exceed planned")
		boolean isCounted() {
			return planned == null || local == null || outOfTown == null || local + outOfTown <= planned;
		}

	}

	record SupplyCounts(@NotNull @Min(0) @Max(100_000_000) Integer masks,
			@NotNull @Min(0) @Max(1_000_000) Integer disinfectantLitres,
			@NotNull @Min(0) @Max(100_000) Integer thermometers) {
	}

	/** 五个一: each must be true. */
	record FiveOnes(@NotNull @AssertTrue(message = "is required (五个一)") Boolean responsibilityLetter,
			@NotNull @AssertTrue(message = "is required (五个一)") Boolean healthInfoForm,
			@NotNull @AssertTrue(message = "is required (五个一)") Boolean emergencyPlan,
			@NotNull @AssertTrue(message = "is required (五个一)") Boolean emergencyTeam,
			@NotNull @AssertTrue(message = "is required (五个一)") Boolean managementMechanism) {
	}

}
