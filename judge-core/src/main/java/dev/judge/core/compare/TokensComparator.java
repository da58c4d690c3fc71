package dev.judge.core.compare;

import java.util.Objects;

/** Token sequences separated by any run of ASCII whitespace. */
enum TokensComparator implements OutputComparator {
    INSTANCE;

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        Text.Tokens x = new Text.Tokens(expected);
        Text.Tokens y = new Text.Tokens(actual);
        while (true) {
            boolean hx = x.next();
            boolean hy = y.next();
            if (!hx && !hy) {
                return Comparison.accepted();
            }
            String diff = missingToken(expected, x, hx, actual, y, hy);
            if (diff != null) {
                return Comparison.wrong(diff);
            }
            if (!Text.rangeEquals(expected, x.start, x.end, actual, y.start, y.end)) {
                int m = Text.mismatch(expected, x.start, x.end, actual, y.start, y.end);
                return Comparison.wrong("token " + x.index + ": expected " + Text.quote(expected, x.start, x.end, m)
                        + ", got " + Text.quote(actual, y.start, y.end, m));
            }
        }
    }

    /** The message when exactly one side has run out of tokens, else null. */
    static String missingToken(byte[] expected, Text.Tokens x, boolean hx, byte[] actual, Text.Tokens y, boolean hy) {
        if (!hx && hy) {
            return "token " + y.index + ": expected end of output, got " + Text.quote(actual, y.start, y.end, 0);
        }
        if (hx && !hy) {
            return "token " + x.index + ": expected " + Text.quote(expected, x.start, x.end, 0) + ", got end of output";
        }
        return null;
    }

    @Override
    public String toString() {
        return "tokens";
    }
}
