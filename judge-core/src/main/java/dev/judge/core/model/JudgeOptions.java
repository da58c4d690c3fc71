package dev.judge.core.model;

/**
 * How a submission is judged beyond its limits.
 *
 * @param stopOnFirstFailure skip the remaining tests once one fails (they are reported as skipped)
 */
public record JudgeOptions(boolean stopOnFirstFailure) {
    private static final JudgeOptions DEFAULTS = new JudgeOptions(false);

    public static JudgeOptions defaults() {
        return DEFAULTS;
    }
}
