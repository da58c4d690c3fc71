package dev.judge.core.problem;

import java.util.Objects;
import java.util.Set;

/**
 * A solution the package brings with the outcome its authors expect, for verifying the package.
 *
 * @param path             where it sits in the package
 * @param program          its source
 * @param category         what the package files it under ({@code accepted}, {@code wrong_answer}, a Polygon tag)
 * @param expectedVerdicts the final verdict codes ({@code AC}, {@code WA}, {@code TLE}, {@code RE}, ...) any one of
 *                         which fulfils the expectation; an {@code @EXPECTED_RESULTS@} tag in the source wins
 *                         over the category
 * @param timeLimitUse     how its run times bound the time limit
 */
public record ExampleSubmission(String path, Program program, String category, Set<String> expectedVerdicts,
        TimeLimitUse timeLimitUse) {

    /** How an example submission's run times bound the time limit (Kattis time limit inference). */
    public enum TimeLimitUse {
        /** Its slowest run times the multiplier is a lower bound of the limit (accepted solutions). */
        LOWER_BOUND,
        /** Its slowest run over the time limit's margin must still be too slow (time-limit-exceeded solutions). */
        UPPER_BOUND,
        /** Not used for the time limit. */
        NONE
    }

    public ExampleSubmission {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(category, "category");
        expectedVerdicts = Set.copyOf(expectedVerdicts);
        Objects.requireNonNull(timeLimitUse, "timeLimitUse");
    }
}
