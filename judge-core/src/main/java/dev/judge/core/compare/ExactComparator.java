package dev.judge.core.compare;

import java.util.Arrays;
import java.util.Objects;

/** Byte for byte; a difference in whitespace only is a presentation error. */
enum ExactComparator implements OutputComparator {
    INSTANCE;

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        int m = Arrays.mismatch(expected, actual);
        if (m < 0) {
            return Comparison.accepted();
        }
        String where = describe(expected, actual, m);
        if (Text.sameTokens(expected, actual)) {
            return Comparators.presentationError(where);
        }
        return Comparison.wrong(where);
    }

    /** Names the line and column of the first differing byte and quotes that raw line of both sides. */
    private static String describe(byte[] expected, byte[] actual, int m) {
        // Both sides agree up to m, so the line start and number are the same on both.
        int lineStart = 0;
        int line = 1;
        for (int i = 0; i < m; i++) {
            if (expected[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int focus = m - lineStart;
        return "line " + line + ", column " + (focus + 1) + ": expected " + rawLine(expected, lineStart, focus)
                + ", got " + rawLine(actual, lineStart, focus);
    }

    /** The line starting at {@code start} with its '\n', quoted; "end of output" when nothing is left. */
    private static String rawLine(byte[] buf, int start, int focus) {
        if (start >= buf.length) {
            return "end of output";
        }
        int e = start;
        while (e < buf.length && buf[e] != '\n') {
            e++;
        }
        if (e < buf.length) {
            e++;
        }
        return Text.quote(buf, start, e, focus);
    }

    @Override
    public String toString() {
        return "exact";
    }
}
