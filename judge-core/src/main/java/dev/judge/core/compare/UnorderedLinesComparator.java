package dev.judge.core.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * The same multiset of lines, normalised as for {@link LinesComparator}. Blank lines are ignored wherever
 * they are: without an order, "trailing" blank lines cannot be told from any others.
 *
 * <p>Lines are grouped by radix-sorting primitive keys (hash, side, offset) rather than through a hash map: a
 * million lines then cost a few sequential passes plus one random read per line to confirm that equal hashes
 * mean equal lines. Lines whose hashes collide are sorted by content, so even a crafted output costs
 * O(n log n) comparisons, never O(n²).
 */
enum UnorderedLinesComparator implements OutputComparator {
    INSTANCE;

    /** Key bit that marks a line of the actual output; the 31 bits below it hold the line's offset. */
    private static final long ACTUAL = 1L << 31;
    private static final int OFFSET_MASK = (int) (ACTUAL - 1);

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
        if (inSameOrder(expected, actual)) {
            return Comparison.accepted(); // common, and one sequential pass is far cheaper than grouping
        }
        long[] keys = new long[count(expected) + count(actual)];
        int k = addKeys(expected, 0, keys, 0);
        addKeys(actual, ACTUAL, keys, k);
        keys = sortByHash(keys);
        Comparator<Long> byContent = (x, y) -> compareContent(expected, actual, x, y);
        int missing = Integer.MAX_VALUE; // offset of the first expected line with too few copies in the output
        int extra = Integer.MAX_VALUE;   // offset of the first output line with too many copies
        for (int g = 0; g < keys.length; ) {
            int h = g + 1;
            while (h < keys.length && (keys[h] >>> 32) == (keys[g] >>> 32)) {
                h++;
            }
            // Almost always the group is one line (or copies of it); only a hash collision needs sorting.
            boolean oneLine = sameContent(expected, actual, keys, g, h);
            if (!oneLine) {
                sortByContent(keys, g, h, byContent);
            }
            for (int r = g; r < h; ) {
                int s = oneLine ? h : r + 1;
                while (s < h && compareContent(expected, actual, keys[r], keys[s]) == 0) {
                    s++;
                }
                int inExpected = 0;
                int firstExpected = Integer.MAX_VALUE;
                int firstActual = Integer.MAX_VALUE;
                for (int i = r; i < s; i++) {
                    int offset = (int) keys[i] & OFFSET_MASK;
                    if ((keys[i] & ACTUAL) == 0) {
                        inExpected++;
                        firstExpected = Math.min(firstExpected, offset);
                    } else {
                        firstActual = Math.min(firstActual, offset);
                    }
                }
                int inActual = s - r - inExpected;
                if (inExpected > inActual) {
                    missing = Math.min(missing, firstExpected);
                } else if (inActual > inExpected) {
                    extra = Math.min(extra, firstActual);
                }
                r = s;
            }
            g = h;
        }
        if (missing != Integer.MAX_VALUE) {
            return Comparison.wrong(surplus(expected, actual, expected, missing, "expected output"));
        }
        if (extra != Integer.MAX_VALUE) {
            return Comparison.wrong(surplus(expected, actual, actual, extra, "output"));
        }
        return Comparison.accepted();
    }

    /** True when both outputs have the same non-blank lines in the same order. */
    private static boolean inSameOrder(byte[] expected, byte[] actual) {
        Text.Lines x = new Text.Lines(expected);
        Text.Lines y = new Text.Lines(actual);
        while (true) {
            boolean hx = nextNonBlank(x);
            boolean hy = nextNonBlank(y);
            if (hx != hy) {
                return false;
            }
            if (!hx) {
                return true;
            }
            if (!Arrays.equals(expected, x.start, x.end, actual, y.start, y.end)) {
                return false;
            }
        }
    }

    private static boolean nextNonBlank(Text.Lines lines) {
        while (lines.next()) {
            if (!lines.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static int count(byte[] buf) {
        Text.Lines lines = new Text.Lines(buf);
        int n = 0;
        while (nextNonBlank(lines)) {
            n++;
        }
        return n;
    }

    /** Writes a key for every non-blank line of {@code buf} from {@code keys[k]}; returns the next free slot. */
    private static int addKeys(byte[] buf, long side, long[] keys, int k) {
        Text.Lines lines = new Text.Lines(buf);
        while (nextNonBlank(lines)) {
            int h = 0x811c9dc5; // FNV-1a
            for (int p = lines.start; p < lines.end; p++) {
                h = (h ^ (buf[p] & 0xff)) * 0x01000193;
            }
            keys[k++] = (long) h << 32 | side | lines.start;
        }
        return k;
    }

    /** The end of the normalised line starting at {@code start}: before its '\n' and trailing blanks. */
    private static int lineEnd(byte[] buf, int start) {
        int nl = start;
        while (nl < buf.length && buf[nl] != '\n') {
            nl++;
        }
        while (nl > start && Text.isTrailingBlank(buf[nl - 1])) {
            nl--;
        }
        return nl;
    }

    /**
     * Orders the keys so that equal hashes (the upper 32 bits) are adjacent; the order otherwise does not
     * matter. Three 11-bit radix passes: for a million lines several times faster than a comparison sort.
     */
    private static long[] sortByHash(long[] keys) {
        if (keys.length < 1024) {
            Arrays.sort(keys);
            return keys;
        }
        long[] from = keys;
        long[] to = new long[keys.length];
        for (int shift = 32; shift < 64; shift += 11) {
            int[] next = new int[2049];
            for (long k : from) {
                next[((int) (k >>> shift) & 2047) + 1]++;
            }
            for (int i = 0; i < 2048; i++) {
                next[i + 1] += next[i];
            }
            for (long k : from) {
                to[next[(int) (k >>> shift) & 2047]++] = k;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        return from;
    }

    private static boolean sameContent(byte[] expected, byte[] actual, long[] keys, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (compareContent(expected, actual, keys[from], keys[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Only reached for lines whose hashes collide, so boxing here does not matter. */
    private static void sortByContent(long[] keys, int from, int to, Comparator<Long> byContent) {
        Long[] group = new Long[to - from];
        for (int i = from; i < to; i++) {
            group[i - from] = keys[i];
        }
        Arrays.sort(group, byContent);
        for (int i = from; i < to; i++) {
            keys[i] = group[i - from];
        }
    }

    private static int compareContent(byte[] expected, byte[] actual, long x, long y) {
        byte[] bx = (x & ACTUAL) == 0 ? expected : actual;
        byte[] by = (y & ACTUAL) == 0 ? expected : actual;
        int sx = (int) x & OFFSET_MASK;
        int sy = (int) y & OFFSET_MASK;
        return Arrays.compareUnsigned(bx, sx, lineEnd(bx, sx), by, sy, lineEnd(by, sy));
    }

    /** The message for the line at {@code start} of {@code buf}, which occurs there more often than elsewhere. */
    private static String surplus(byte[] expected, byte[] actual, byte[] buf, int start, String name) {
        int end = lineEnd(buf, start);
        int number = 1;
        for (int i = 0; i < start; i++) {
            if (buf[i] == '\n') {
                number++;
            }
        }
        return "line " + Text.quote(buf, start, end, 0) + " occurs " + times(occurrences(expected, buf, start, end))
                + " in the expected output but " + times(occurrences(actual, buf, start, end))
                + " in the output (first at line " + number + " of the " + name + ")";
    }

    private static int occurrences(byte[] output, byte[] buf, int from, int to) {
        Text.Lines lines = new Text.Lines(output);
        int n = 0;
        while (lines.next()) {
            if (Arrays.equals(output, lines.start, lines.end, buf, from, to)) {
                n++;
            }
        }
        return n;
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }

    @Override
    public String toString() {
        return "unorderedLines";
    }
}
