package dev.judge.core.compare;

import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers shared by the comparators. Outputs are scanned as bytes, never decoded as a whole, so
 * invalid UTF-8 cannot throw and a 16 MiB output costs one linear pass.
 */
final class Text {

    /** Longest excerpt, in bytes, quoted in a message. */
    static final int EXCERPT = 64;

    private Text() {
    }

    /** ASCII whitespace as C's {@code isspace} sees it: space, \t, \n, \v, \f, \r. */
    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** What a line may end with and still equal the line without it: space, tab and a CR. */
    static boolean isTrailingBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    /**
     * The lines of an output as the line-based comparators see them: split at '\n', each line without its
     * trailing spaces, tabs and CRs, and without the blank lines at the end. {@link #next()} moves to the
     * next line; {@link #start} and {@link #end} then bound it and {@link #number} counts from 1.
     */
    static final class Lines {
        private final byte[] buf;
        private final int limit;
        private int pos;
        int start;
        int end;
        int number;

        Lines(byte[] buf) {
            this.buf = buf;
            int l = buf.length;
            // Everything after the last byte that is not blank-line material belongs to trailing blank lines.
            while (l > 0 && (isTrailingBlank(buf[l - 1]) || buf[l - 1] == '\n')) {
                l--;
            }
            this.limit = l;
        }

        boolean next() {
            if (pos >= limit) {
                return false;
            }
            start = pos;
            int nl = pos;
            while (nl < limit && buf[nl] != '\n') {
                nl++;
            }
            int e = nl;
            while (e > start && isTrailingBlank(buf[e - 1])) {
                e--;
            }
            end = e;
            pos = nl + 1;
            number++;
            return true;
        }

        boolean isBlank() {
            return start == end;
        }
    }

    /** The whitespace-separated tokens of an output; {@link #next()} moves on, {@link #index} counts from 1. */
    static final class Tokens {
        private final byte[] buf;
        private int pos;
        int start;
        int end;
        int index;

        Tokens(byte[] buf) {
            this.buf = buf;
        }

        boolean next() {
            int p = pos;
            while (p < buf.length && isSpace(buf[p])) {
                p++;
            }
            if (p == buf.length) {
                pos = p;
                return false;
            }
            start = p;
            while (p < buf.length && !isSpace(buf[p])) {
                p++;
            }
            end = p;
            pos = p;
            index++;
            return true;
        }
    }

    /** True when both outputs hold the same token sequence. */
    static boolean sameTokens(byte[] a, byte[] b) {
        Tokens x = new Tokens(a);
        Tokens y = new Tokens(b);
        while (true) {
            boolean hx = x.next();
            boolean hy = y.next();
            if (hx != hy) {
                return false;
            }
            if (!hx) {
                return true;
            }
            if (!rangeEquals(a, x.start, x.end, b, y.start, y.end)) {
                return false;
            }
        }
    }

    static boolean rangeEquals(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        return java.util.Arrays.equals(a, af, at, b, bf, bt);
    }

    /** Offset of the first differing byte within two ranges, or the shorter length when one is a prefix. */
    static int mismatch(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        int m = java.util.Arrays.mismatch(a, af, at, b, bf, bt);
        return m < 0 ? Math.min(at - af, bt - bf) : m;
    }

    /**
     * A range quoted for a message: decoded as UTF-8 with replacement, control characters escaped, and cut to
     * {@link #EXCERPT} bytes around {@code focus} (an offset within the range) when longer, marked with "...".
     */
    static String quote(byte[] buf, int from, int to, int focus) {
        int s = from;
        int e = to;
        if (to - from > EXCERPT) {
            // Show a little context before the interesting spot, then as much after it as fits.
            s = Math.max(from, Math.min(from + focus - EXCERPT / 4, to - EXCERPT));
            e = s + EXCERPT;
            // Do not start or end inside a UTF-8 sequence.
            while (s < e && s > from && isContinuation(buf[s])) {
                s++;
            }
            while (e > s && e < to && isContinuation(buf[e])) {
                e--;
            }
        }
        StringBuilder sb = new StringBuilder(e - s + 8).append('"');
        if (s > from) {
            sb.append("...");
        }
        escape(new String(buf, s, e - s, StandardCharsets.UTF_8), sb);
        if (e < to) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}
