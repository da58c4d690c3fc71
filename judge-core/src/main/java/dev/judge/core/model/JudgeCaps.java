package dev.judge.core.model;

import java.util.Objects;

/**
 * The most a judge accepts in one submission or run; anything larger is refused before any work starts. A host
 * that stores problems reads these to refuse a problem the judge would never judge.
 *
 * @param maxSourceSize most bytes of a submission's source files together (and of a checker's)
 * @param maxTests      most tests per submission
 * @param maxTestData   most bytes of a submission's test inputs and expected outputs together
 * @param maxStdin      most bytes of one test's input, or of a run's stdin
 * @param maxLimits     the highest limits a submission may ask for, field by field
 */
public record JudgeCaps(ByteSize maxSourceSize, int maxTests, ByteSize maxTestData, ByteSize maxStdin,
        Limits maxLimits) {

    public JudgeCaps {
        Objects.requireNonNull(maxSourceSize, "maxSourceSize");
        Objects.requireNonNull(maxTestData, "maxTestData");
        Objects.requireNonNull(maxStdin, "maxStdin");
        Objects.requireNonNull(maxLimits, "maxLimits");
        if (maxTests < 1) {
            throw new IllegalArgumentException("maxTests must be at least 1, was " + maxTests);
        }
    }
}
