package dev.judge.core.compare;

import java.util.Objects;

/**
 * A comparator's answer.
 *
 * @param outcome  accepted, wrong, presentation error, or the checker itself failed
 * @param fraction share of the test's points earned, 0 to 1 (1 when accepted, 0 when wrong unless partial)
 * @param message  why, briefly; empty when accepted
 */
public record Comparison(Outcome outcome, double fraction, String message) {

    /** The kinds of answer. */
    public enum Outcome { ACCEPTED, WRONG_ANSWER, PRESENTATION_ERROR, PARTIAL, CHECKER_FAILED }

    public Comparison {
        Objects.requireNonNull(outcome, "outcome");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be within [0, 1], was " + fraction);
        }
        message = message == null ? "" : message;
    }

    public static Comparison accepted() {
        return new Comparison(Outcome.ACCEPTED, 1, "");
    }

    public static Comparison wrong(String message) {
        return new Comparison(Outcome.WRONG_ANSWER, 0, message);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
