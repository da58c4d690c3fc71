package dev.judge.core.compare;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Tokens, where two plain decimal numbers match within an absolute or a relative (to the expected value)
 * tolerance, NaN matches NaN, an infinity matches the same-signed infinity, and anything else must be equal.
 */
record FloatsComparator(double absoluteTolerance, double relativeTolerance) implements OutputComparator {

    /** What a token is, for the comparison. */
    private enum Kind { NUMBER, NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY, OTHER }

    FloatsComparator {
        if (!(Double.isFinite(absoluteTolerance) && absoluteTolerance >= 0)) {
            throw new IllegalArgumentException("absolute tolerance must be a finite number >= 0, was "
                    + absoluteTolerance);
        }
        if (!(Double.isFinite(relativeTolerance) && relativeTolerance >= 0)) {
            throw new IllegalArgumentException("relative tolerance must be a finite number >= 0, was "
                    + relativeTolerance);
        }
    }

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
            String diff = TokensComparator.missingToken(expected, x, hx, actual, y, hy);
            if (diff == null) {
                diff = tokenDifference(expected, x, actual, y);
            }
            if (diff != null) {
                return Comparison.wrong(diff);
            }
        }
    }

    /** Null when the current tokens match, else the message. */
    private String tokenDifference(byte[] expected, Text.Tokens x, byte[] actual, Text.Tokens y) {
        if (Text.rangeEquals(expected, x.start, x.end, actual, y.start, y.end)) {
            return null;
        }
        Kind ke = kind(expected, x.start, x.end);
        Kind ka = kind(actual, y.start, y.end);
        String detail = "";
        if (ke == Kind.NUMBER && ka == Kind.NUMBER) {
            double e = parse(expected, x.start, x.end);
            double a = parse(actual, y.start, y.end);
            if (Double.isFinite(e) && Double.isFinite(a)) {
                if (within(e, a)) {
                    return null;
                }
                detail = String.format(Locale.ROOT, " (differs by %.3g, allowed %s absolute or %s relative)",
                        Math.abs(a - e), absoluteTolerance, relativeTolerance);
            }
        } else if (ke != Kind.OTHER && ke == ka) {
            return null; // nan ~ NaN, inf ~ +Infinity: same special value, spelled differently
        }
        int m = Text.mismatch(expected, x.start, x.end, actual, y.start, y.end);
        return "token " + x.index + ": expected " + Text.quote(expected, x.start, x.end, m) + ", got "
                + Text.quote(actual, y.start, y.end, m) + detail;
    }

    /** True when {@code a} is within tolerance of the expected {@code e}; both finite. */
    private boolean within(double e, double a) {
        double d = Math.abs(a - e);
        return d <= absoluteTolerance || d <= relativeTolerance * Math.abs(e);
    }

    /**
     * Classifies a token. Only {@code [+-]digits[.digits][(e|E)[+-]digits]} is a number: Java's other
     * spellings (hex, a trailing d or f, "5." or ".5") are refused so that only what {@code printf} and
     * friends print is read as a number; such tokens must then be equal as text.
     */
    private static Kind kind(byte[] b, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        if (p < to && !isDigit(b[p])) {
            if (wordIs(b, p, to, "nan")) {
                return Kind.NAN;
            }
            if (wordIs(b, p, to, "inf") || wordIs(b, p, to, "infinity")) {
                return negative ? Kind.NEGATIVE_INFINITY : Kind.POSITIVE_INFINITY;
            }
            return Kind.OTHER;
        }
        int digits = p;
        while (p < to && isDigit(b[p])) {
            p++;
        }
        if (p == digits) {
            return Kind.OTHER;
        }
        if (p < to && b[p] == '.') {
            p++;
            int fraction = p;
            while (p < to && isDigit(b[p])) {
                p++;
            }
            if (p == fraction) {
                return Kind.OTHER;
            }
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int exponent = p;
            while (p < to && isDigit(b[p])) {
                p++;
            }
            if (p == exponent) {
                return Kind.OTHER;
            }
        }
        return p == to ? Kind.NUMBER : Kind.OTHER;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Case-insensitive match of {@code b[from, to)} against a lower-case ASCII word. */
    private static boolean wordIs(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((b[from + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static double parse(byte[] b, int from, int to) {
        // The token is plain ASCII here, so ISO-8859-1 decodes it exactly.
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    @Override
    public String toString() {
        return "floats(abs=" + absoluteTolerance + ", rel=" + relativeTolerance + ")";
    }
}
