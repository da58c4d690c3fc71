package dev.judge.demo.problem;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of creating or replacing one test case; text is UTF-8.
 *
 * @param input          stdin of the run
 * @param expectedOutput the answer, or null for a test without one (a checker decides)
 * @param weight         share of the score, 1 when left out
 * @param group          subtask, or null
 * @param hidden         whether only administrators may see the data, true when left out
 */
public record TestCaseRequest(
        @NotNull String input,
        String expectedOutput,
        @PositiveOrZero Double weight,
        @Size(max = 64) String group,
        Boolean hidden) {
}
