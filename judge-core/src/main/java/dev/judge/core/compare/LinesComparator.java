package dev.judge.core.compare;

import java.util.Objects;

/**
 * Line by line, ignoring trailing spaces, tabs and CRs on each line and blank lines at the end; a difference
 * in whitespace only is a presentation error.
 */
enum LinesComparator implements OutputComparator {
    INSTANCE;

    /** Whether two normalised lines are equal; the line-based comparators differ only in this. */
    @FunctionalInterface
    interface LineEquality {
        boolean equal(byte[] a, int af, int at, byte[] b, int bf, int bt);
    }

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        String diff = firstDifference(expected, actual, Text::rangeEquals);
        if (diff == null) {
            return Comparison.accepted();
        }
        if (Text.sameTokens(expected, actual)) {
            return Comparators.presentationError(diff);
        }
        return Comparison.wrong(diff);
    }

    /** The first line where the outputs differ, as a message, or null when every line is equal. */
    static String firstDifference(byte[] expected, byte[] actual, LineEquality eq) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Text.Lines x = new Text.Lines(expected);
        Text.Lines y = new Text.Lines(actual);
        while (true) {
            boolean hx = x.next();
            boolean hy = y.next();
            if (!hx && !hy) {
                return null;
            }
            if (!hx) {
                return "line " + y.number + ": expected end of output, got " + Text.quote(actual, y.start, y.end, 0);
            }
            if (!hy) {
                return "line " + x.number + ": expected " + Text.quote(expected, x.start, x.end, 0)
                        + ", got end of output";
            }
            if (!eq.equal(expected, x.start, x.end, actual, y.start, y.end)) {
                int m = Text.mismatch(expected, x.start, x.end, actual, y.start, y.end);
                return "line " + x.number + ": expected " + Text.quote(expected, x.start, x.end, m)
                        + ", got " + Text.quote(actual, y.start, y.end, m);
            }
        }
    }

    @Override
    public String toString() {
        return "lines";
    }
}
