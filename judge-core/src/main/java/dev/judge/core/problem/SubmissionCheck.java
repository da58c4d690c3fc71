package dev.judge.core.problem;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How one example submission of a package fared when the package was verified: what its authors expect, what the
 * judge gave.
 *
 * @param path      where it sits in the package ({@code submissions/accepted/sum.c})
 * @param languageId the language it was judged in
 * @param category  what the package files it under ({@code accepted}, a Polygon tag)
 * @param expected  the verdict codes any one of which fulfils the expectation
 * @param obtained  the verdict code the judge gave, or "" when it was not run
 * @param score     the score it earned
 * @param maxScore  the most it could earn
 * @param slowest   its slowest test's CPU time
 * @param outcome   whether the expectation held
 * @param message   what the reader of a report should know (compile output, why it was not run), or ""
 */
public record SubmissionCheck(String path, String languageId, String category, Set<String> expected, String obtained,
        double score, double maxScore, Duration slowest, Outcome outcome, String message) {

    /** Whether an example submission did what its authors expect. */
    public enum Outcome {
        /** Its verdict is one of the expected ones under the time limit. */
        PASSED,
        /** Only under the high limit (problemtools: "OK with extra time"): the limit is close to its run time. */
        PASSED_WITH_EXTRA_TIME,
        /** Its verdict is not one of the expected ones. */
        FAILED,
        /** Not judged: the judge lacks its language. */
        NOT_RUN
    }

    public SubmissionCheck {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(languageId, "languageId");
        Objects.requireNonNull(category, "category");
        expected = Set.copyOf(expected);
        Objects.requireNonNull(obtained, "obtained");
        Objects.requireNonNull(slowest, "slowest");
        Objects.requireNonNull(outcome, "outcome");
        message = Objects.requireNonNullElse(message, "");
    }

    /** Whether its authors expect it to be accepted. */
    public boolean expectsAccepted() {
        return expected.equals(Set.of("AC"));
    }
}
