package dev.judge.core.compare;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Kattis default output validator as a comparator: one pass over both outputs in the order problemtools'
 * {@code default_validator} reads them, so that the verdict, the line numbers and the message are the ones it
 * gives. {@link Comparators#kattis(String)} states the rules. A tolerance below 0 means "not given", as there.
 */
record KattisComparator(boolean caseSensitive, boolean spaceChangeSensitive, double absoluteTolerance,
        double relativeTolerance) implements OutputComparator {

    private static final byte[] ELLIPSIS = {'.', '.', '.'};

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        return new Run(expected, actual).judge();
    }

    /** The state of one comparison: positions and line numbers in the judge's answer and the user's output. */
    private final class Run {
        private final byte[] judge;
        private final byte[] user;
        private int jp;
        private int up;
        private int judgeLine = 1;
        private int userLine = 1;
        /** Bytes of user output consumed so far; tells empty output from output of whitespace only. */
        private long userConsumed;

        Run(byte[] judge, byte[] user) {
            this.judge = judge;
            this.user = user;
        }

        Comparison judge() {
            boolean floats = absoluteTolerance >= 0 || relativeTolerance >= 0;
            for (int token = 0; ; token++) {
                String spaceError = skipSpace();
                if (spaceError != null) {
                    return wrong(spaceError);
                }
                if (jp == judge.length) {
                    break;
                }
                int jEnd = tokenEnd(judge, jp);
                if (up == user.length) {
                    String next = text(truncate(judge, jp, jEnd, 30));
                    if (token > 0) {
                        return wrong("User EOF while judge had more output\n(Next judge token: " + next + ")");
                    }
                    return wrong("User EOF while judge had more output; user output "
                            + (userConsumed == 0 ? "was empty" : "contained only whitespace")
                            + ".\n(Next judge token: " + next + ")");
                }
                int uEnd = tokenEnd(user, up);
                // Numbers are compared as numbers only when the judge's token is one; case is then irrelevant.
                Double judgeValue = floats ? CNumbers.parse(judge, jp, jEnd) : null;
                String mismatch = judgeValue != null
                        ? compareAsFloats(judgeValue, jp, jEnd, up, uEnd)
                        : compareAsText(jp, jEnd, up, uEnd);
                if (mismatch != null) {
                    return wrong(mismatch);
                }
                userConsumed += uEnd - up;
                jp = jEnd;
                up = uEnd;
            }
            if (up < user.length) {
                return wrong("Trailing output:\n" + text(truncate(user, up, tokenEnd(user, up), 30)));
            }
            return Comparison.accepted();
        }

        /**
         * Skips the whitespace before the next tokens: the judge's first, each byte of it matched by the same byte
         * of the user's output when whitespace counts, then the user's, none of which is allowed then.
         */
        private String skipSpace() {
            while (jp < judge.length && Text.isSpace(judge[jp])) {
                byte c = judge[jp];
                if (spaceChangeSensitive) {
                    int d = up < user.length ? user[up] & 0xff : -1;
                    if (c != d) {
                        return "Space change error: got " + d + " expected " + c;
                    }
                    up++;
                    if (d == '\n') {
                        userLine++;
                    }
                    userConsumed++;
                }
                if (c == '\n') {
                    judgeLine++;
                }
                jp++;
            }
            while (up < user.length && Text.isSpace(user[up])) {
                byte d = user[up];
                if (spaceChangeSensitive) {
                    return "Space change error: judge out of space, got " + d + " from user";
                }
                if (d == '\n') {
                    userLine++;
                }
                userConsumed++;
                up++;
            }
            return null;
        }

        /** Null when the user's token is a number close enough to the judge's {@code j}; else the message. */
        private String compareAsFloats(double j, int jFrom, int jTo, int uFrom, int uTo) {
            Double tv = CNumbers.parse(user, uFrom, uTo);
            if (tv == null) {
                return "Expected float, got: " + text(truncate(user, uFrom, uTo, 30));
            }
            double diff = Math.abs(j - tv);
            if (diff <= absoluteTolerance || diff <= relativeTolerance * Math.abs(j)) {
                return null;
            }
            String head = "Too large difference.\n Judge: " + text(truncate(judge, jFrom, jTo, 30))
                    + "\n User:  " + text(truncate(user, uFrom, uTo, 30))
                    + "\n Absolute error: " + exponential(diff) + " (abs tolerance " + exponential(absoluteTolerance)
                    + ")\n Relative error: ";
            if (j == 0.0) {
                return head + "undefined, judge value is 0 (rel tolerance " + exponential(relativeTolerance) + ")";
            }
            return head + exponential(diff / Math.abs(j)) + " (rel tolerance " + exponential(relativeTolerance) + ")";
        }

        private String compareAsText(int jFrom, int jTo, int uFrom, int uTo) {
            boolean equal = caseSensitive
                    ? Text.rangeEquals(judge, jFrom, jTo, user, uFrom, uTo)
                    : asciiEqualIgnoringCase(judge, jFrom, jTo, user, uFrom, uTo);
            if (equal) {
                return null;
            }
            // The common prefix is byte for byte even when case does not count, as in problemtools.
            int common = Text.mismatch(judge, jFrom, jTo, user, uFrom, uTo);
            byte[] prefix = truncate(judge, jFrom, jFrom + common, 15);
            return "String tokens mismatch\nJudge: \"" + text(concat(prefix, truncate(judge, jFrom + common, jTo, 15)))
                    + "\"\nUser: \"" + text(concat(prefix, truncate(user, uFrom + common, uTo, 15))) + "\"";
        }

        private Comparison wrong(String why) {
            return Comparison.wrong("Wrong answer on line " + userLine + " of output (corresponding to line "
                    + judgeLine + " in answer file)\n" + why);
        }
    }

    private static int tokenEnd(byte[] b, int from) {
        int p = from;
        while (p < b.length && !Text.isSpace(b[p])) {
            p++;
        }
        return p;
    }

    private static boolean asciiEqualIgnoringCase(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        if (at - af != bt - bf) {
            return false;
        }
        for (int i = 0; i < at - af; i++) {
            if (lower(a[af + i]) != lower(b[bf + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /**
     * problemtools' truncation of a quoted token: kept whole up to {@code limit + 5} bytes, else cut after
     * {@code limit} bytes (moved on by up to 3 UTF-8 continuation bytes, so as not to split a character) and
     * marked with "...".
     */
    private static byte[] truncate(byte[] b, int from, int to, int limit) {
        if (to - from <= limit + 5) {
            return Arrays.copyOfRange(b, from, to);
        }
        int cut = from + limit;
        while (cut < to && cut < from + limit + 4 && (b[cut] & 0xC0) == 0x80) {
            cut++;
        }
        return concat(Arrays.copyOfRange(b, from, cut), ELLIPSIS);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * C's {@code printf("%e")}: six decimals, the exponent signed with at least two digits, the exact binary
     * value rounded half to even; {@code inf} for an overflow.
     */
    static String exponential(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        String sign = (Double.doubleToRawLongBits(x) < 0) ? "-" : "";
        if (Double.isInfinite(x)) {
            return sign + "inf";
        }
        if (x == 0) {
            return sign + "0.000000e+00";
        }
        BigDecimal r = new BigDecimal(Math.abs(x)).round(new MathContext(7, RoundingMode.HALF_EVEN));
        StringBuilder digits = new StringBuilder(r.unscaledValue().toString());
        int exponent = digits.length() - 1 - r.scale();
        while (digits.length() < 7) {
            digits.append('0');
        }
        digits.setLength(7);
        String e = Integer.toString(Math.abs(exponent));
        return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent < 0 ? "-" : "+")
                + (e.length() < 2 ? "0" + e : e);
    }

    @Override
    public String toString() {
        return "kattis(" + (caseSensitive ? "case_sensitive " : "") + (spaceChangeSensitive ? "space_change_sensitive " : "")
                + "abs=" + absoluteTolerance + ", rel=" + relativeTolerance + ")";
    }
}
