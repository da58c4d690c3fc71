package dev.judge.core.compare;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** As {@link LinesComparator}, ignoring letter case; a mismatch is always a wrong answer. */
enum CaseInsensitiveComparator implements OutputComparator {
    INSTANCE;

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        String diff = LinesComparator.firstDifference(expected, actual, CaseInsensitiveComparator::equalIgnoringCase);
        return diff == null ? Comparison.accepted() : Comparison.wrong(diff);
    }

    static boolean equalIgnoringCase(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        if (Text.rangeEquals(a, af, at, b, bf, bt)) {
            return true;
        }
        if (isAscii(a, af, at) && isAscii(b, bf, bt)) {
            return asciiEqualIgnoringCase(a, af, at, b, bf, bt);
        }
        String x = strictUtf8(a, af, at);
        String y = strictUtf8(b, bf, bt);
        if (x == null || y == null) {
            // Replacement would make different invalid bytes look alike, so fold ASCII letters only.
            return asciiEqualIgnoringCase(a, af, at, b, bf, bt);
        }
        return x.equalsIgnoreCase(y);
    }

    private static boolean isAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiEqualIgnoringCase(byte[] a, int af, int at, byte[] b, int bf, int bt) {
        if (at - af != bt - bf) {
            return false;
        }
        for (int i = 0; i < at - af; i++) {
            byte p = a[af + i];
            byte q = b[bf + i];
            if (p != q && (lower(p) != lower(q))) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /** The range decoded as UTF-8, or null when it is not valid UTF-8. */
    private static String strictUtf8(byte[] b, int from, int to) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(b, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "caseInsensitive";
    }
}
