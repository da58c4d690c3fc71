package dev.judge.core.compare;

import java.nio.charset.StandardCharsets;

/**
 * Tokens that glibc's {@code sscanf("%lf")} reads whole, as problemtools' default validator recognises a float:
 * an optional sign, then a decimal number ({@code 12}, {@code 1.5}, {@code 5.}, {@code .5}, each with an optional
 * {@code e}/{@code E} exponent) or a hexadecimal one ({@code 0x1.8p3}, the {@code p} exponent optional), finite as
 * a double. Two glibc quirks hold too: an exponent without digits at the end is ignored ({@code 1e} and
 * {@code 2.5E+} are 1 and 2.5) and {@code 0x.} is 0. {@code inf}, {@code nan} and numbers that overflow are not
 * floats there, so not here.
 */
final class CNumbers {

    private CNumbers() {
    }

    /** The value of {@code b[from, to)}, or null when it is not such a number. */
    static Double parse(byte[] b, int from, int to) {
        int p = from;
        if (p < to && (b[p] == '+' || b[p] == '-')) {
            p++;
        }
        boolean hex = to - p >= 2 && b[p] == '0' && (b[p + 1] | 0x20) == 'x';
        int start = hex ? p + 2 : p;
        int digits = 0;
        int q = start;
        while (q < to && isDigit(b[q], hex)) {
            q++;
            digits++;
        }
        boolean point = q < to && b[q] == '.';
        if (point) {
            q++;
            while (q < to && isDigit(b[q], hex)) {
                q++;
                digits++;
            }
        }
        int mantissaEnd = q;
        if (digits == 0) {
            // glibc reads "0x." (and nothing longer) as zero; a decimal number needs a digit
            return hex && point && q == to ? (b[from] == '-' ? -0.0 : 0.0) : null;
        }
        int valueEnd = q;
        if (q < to) {
            if ((b[q] | 0x20) != (hex ? 'p' : 'e')) {
                return null;
            }
            q++;
            if (q < to && (b[q] == '+' || b[q] == '-')) {
                q++;
            }
            int exponentDigits = q;
            while (q < to && b[q] >= '0' && b[q] <= '9') {
                q++;
            }
            if (q != to) {
                return null;
            }
            // glibc's scanf takes an exponent without digits ("1e", "2e+") at the end of the input and ignores it
            valueEnd = q > exponentDigits ? to : mantissaEnd;
        }
        boolean hasExponent = valueEnd > mantissaEnd;
        // Plain ASCII by now, so ISO-8859-1 decodes it exactly; Java wants the binary exponent of a hex number.
        String s = new String(b, from, valueEnd - from, StandardCharsets.ISO_8859_1);
        double v = Double.parseDouble(hex && !hasExponent ? s + "p0" : s);
        return Double.isFinite(v) ? v : null;
    }

    private static boolean isDigit(byte c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }
}
