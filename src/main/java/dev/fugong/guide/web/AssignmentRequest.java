package dev.fugong.guide.web;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import dev.fugong.guide.model.Department;

/** Stations a guide (a user) in an enterprise, for its department. */
record AssignmentRequest(@NotNull UUID guideUserId, @NotNull UUID enterpriseId, @NotNull Department department) {
}
