package dev.judge.core;

import java.util.Objects;

/**
 * Input that the judge refuses: names the offending field so an API can point at it.
 */
public class InvalidSubmissionException extends JudgeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidSubmissionException(String field, String message) {
        super(field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** The path of the offending field, for example {@code limits.cpuTime} or {@code tests[3].input}. */
    public String field() {
        return field;
    }
}
