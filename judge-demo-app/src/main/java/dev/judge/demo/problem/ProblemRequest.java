package dev.judge.demo.problem;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of problem creation and replacement.
 *
 * @param title      shown in listings
 * @param statement  Markdown text
 * @param limits     left out: the judge's defaults
 * @param comparator left out: {@code lines}
 */
public record ProblemRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull @Size(max = 262_144) String statement,
        LimitsDto limits,
        ComparatorDto comparator) {
}
