package dev.judge.core.compare;

import dev.judge.core.model.ComparatorSpec;
import java.util.Objects;

/**
 * The built-in output comparators: pure functions of the expected and the actual output, linear in their size.
 *
 * <p>Outputs are compared as bytes, so output that is not valid UTF-8 never fails a comparison; it is decoded,
 * with replacement, only to quote it in a message. "Whitespace" means ASCII whitespace: space, {@code \t},
 * {@code \n}, {@code \v}, {@code \f} and {@code \r}. Messages name the first difference (line, token) and quote
 * at most about 64 bytes of each side around it.
 *
 * <ul>
 *   <li>{@link #exact()}: the bytes are equal.</li>
 *   <li>{@link #lines()} (the default, as in Judge0): the lines, split at {@code \n}, are equal after removing
 *       the trailing spaces, tabs and {@code \r} of each line and the blank lines at the end of the output.
 *       Leading whitespace matters. A missing final newline and CRLF line ends are therefore accepted.</li>
 *   <li>{@link #tokens()}: the sequences of whitespace-separated tokens are equal.</li>
 *   <li>{@link #floats(double, double)}: as tokens, but when both tokens are plain decimal numbers
 *       ({@code [+-]digits[.digits][(e|E)[+-]digits]}; no hex, no {@code d}/{@code f} suffix, no {@code 5.} or
 *       {@code .5}) that are finite as doubles, they match if {@code |a - e| <= abs} or
 *       {@code |a - e| <= rel * |e|}, where {@code e} is the expected value: the relative tolerance is relative
 *       to the expected value, so the comparison is symmetric only when {@code rel} is 0. NaN and infinities are
 *       never compared with a tolerance: {@code nan} (any case, optionally signed, as C prints {@code -nan})
 *       matches only a NaN token, and {@code inf} or {@code infinity} (any case, optional sign) matches only
 *       an infinity of the same sign. Any other token must be equal as text.</li>
 *   <li>{@link #unorderedLines()}: the same multiset of lines, normalised as for lines; since order does not
 *       count, blank lines are ignored wherever they are.</li>
 *   <li>{@link #caseInsensitive()}: as lines, but lines equal ignoring letter case
 *       ({@link String#equalsIgnoreCase} on UTF-8 text; ASCII letters only where a line is not valid UTF-8).</li>
 *   <li>{@link #kattis(String)}: the Kattis default output validator with its flags; its method says how it
 *       compares.</li>
 * </ul>
 *
 * <p>A failure is a {@link Comparison.Outcome#WRONG_ANSWER}, except that {@code exact} and {@code lines} report
 * {@link Comparison.Outcome#PRESENTATION_ERROR} (fraction 0) when the outputs differ but hold the same tokens,
 * that is when only the whitespace is wrong. Acceptance still nests: exact implies lines implies tokens.
 */
public final class Comparators {

    private Comparators() {
    }

    /**
     * The comparator for a spec.
     *
     * @throws IllegalArgumentException for {@link ComparatorSpec.Checker}: a checker program runs in the
     *                                  sandbox, so the judging pipeline builds that comparator
     */
    public static OutputComparator of(ComparatorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec instanceof ComparatorSpec.Exact) {
            return exact();
        } else if (spec instanceof ComparatorSpec.Lines) {
            return lines();
        } else if (spec instanceof ComparatorSpec.Tokens) {
            return tokens();
        } else if (spec instanceof ComparatorSpec.Floats f) {
            return floats(f.absoluteTolerance(), f.relativeTolerance());
        } else if (spec instanceof ComparatorSpec.UnorderedLines) {
            return unorderedLines();
        } else if (spec instanceof ComparatorSpec.CaseInsensitive) {
            return caseInsensitive();
        } else if (spec instanceof ComparatorSpec.Kattis k) {
            return new KattisComparator(k.caseSensitive(), k.spaceChangeSensitive(),
                    k.absoluteTolerance().orElse(-1), k.relativeTolerance().orElse(-1));
        } else if (spec instanceof ComparatorSpec.Checker) {
            throw new IllegalArgumentException("a checker program needs the pipeline's sandbox to run in; "
                    + "the judging pipeline builds that comparator, Comparators.of cannot");
        }
        throw new IllegalArgumentException("unknown comparator spec " + spec);
    }

    /** Byte for byte; whitespace-only differences are a presentation error. */
    public static OutputComparator exact() {
        return ExactComparator.INSTANCE;
    }

    /** Line by line, ignoring trailing whitespace and trailing blank lines; see the class description. */
    public static OutputComparator lines() {
        return LinesComparator.INSTANCE;
    }

    /** Whitespace-separated tokens. */
    public static OutputComparator tokens() {
        return TokensComparator.INSTANCE;
    }

    /**
     * Tokens, numbers within a tolerance; see the class description.
     *
     * @param absoluteTolerance finite, at least 0
     * @param relativeTolerance finite, at least 0; relative to the expected value
     * @throws IllegalArgumentException when a tolerance is negative, NaN or infinite
     */
    public static OutputComparator floats(double absoluteTolerance, double relativeTolerance) {
        return new FloatsComparator(absoluteTolerance, relativeTolerance);
    }

    /** The same lines in any order; blank lines ignored. */
    public static OutputComparator unorderedLines() {
        return UnorderedLinesComparator.INSTANCE;
    }

    /** As {@link #lines()}, ignoring letter case. */
    public static OutputComparator caseInsensitive() {
        return CaseInsensitiveComparator.INSTANCE;
    }

    /**
     * The Kattis default output validator (problemtools' {@code default_validator}, DOMjudge's default
     * {@code compare}) with these {@code validator_flags}, which {@link ComparatorSpec.Kattis#parse(String)} reads;
     * the same as {@code of(ComparatorSpec.kattis(validatorFlags))}. It gives the verdict, the line numbers and the
     * message problemtools gives:
     * <ul>
     *   <li>A token is a maximal run of bytes that are not ASCII whitespace (space, {@code \t}, {@code \n},
     *       {@code \v}, {@code \f}, {@code \r}). Tokens are compared in order; user output left after the
     *       judge's last token is wrong ("Trailing output"), so is output that ends early ("User EOF while judge
     *       had more output", saying when the output was empty or only whitespace).</li>
     *   <li>Without {@code space_change_sensitive} any whitespace separates tokens, including none before the
     *       first and after the last. With it, the whitespace before each of the judge's tokens and after the last
     *       one must be repeated byte for byte: a different byte is "Space change error: got D expected C" (byte
     *       values in decimal, -1 for the end of the output) and extra whitespace in the user's output, trailing
     *       whitespace included, is "Space change error: judge out of space, got D from user". So a missing final
     *       newline, CRLF for LF or a doubled space are wrong.</li>
     *   <li>Tokens that are not numbers (see below) must be equal ignoring the case of ASCII letters (C's
     *       {@code strcasecmp}; other bytes must be equal), or equal byte for byte with {@code case_sensitive}.
     *       The message quotes both tokens: up to 20 bytes of the common prefix (else its first 15 and "..."),
     *       then up to 20 bytes of each rest (else 15 and "...").</li>
     *   <li>Only when a tolerance is given ({@code float_absolute_tolerance X}, {@code float_relative_tolerance X},
     *       {@code float_tolerance X} for both) and only when the judge's token is a number as C's
     *       {@code sscanf("%lf")} reads a whole token (decimal as in {@code 1}, {@code -2.5}, {@code 5.},
     *       {@code .5}, {@code 1e-9}, or hexadecimal as in {@code 0x1p-3}; finite, so {@code inf}, {@code nan} and
     *       an overflowing {@code 1e999} are text; glibc also reads {@code 1e} and {@code 2E+} as 1 and 2, and
     *       {@code 0x.} as 0), the user's token must be such a number too ("Expected float,
     *       got: ...") with {@code |j - u| <= abs} or {@code |j - u| <= rel * |j|}, where {@code j} is the judge's
     *       value; a tolerance not given never matches. Case does not matter for such tokens. The message gives
     *       both tokens, the absolute and the relative error and both tolerances as C's {@code %e} prints them,
     *       a tolerance not given as {@code -1.000000e+00}, and the relative error as undefined when
     *       {@code j} is 0.</li>
     *   <li>A failure is a {@link Comparison.Outcome#WRONG_ANSWER} (the format knows no presentation error) whose
     *       message is what problemtools writes to {@code judgemessage.txt} without its final newline:
     *       "Wrong answer on line L of output (corresponding to line M in answer file)", a newline and the reason;
     *       the lines are those of the tokens (or the whitespace byte) where the difference was found. Quoted
     *       bytes are decoded as UTF-8 with replacement. One difference by design: a NUL byte inside a token is
     *       compared like any other byte, where problemtools' C strings stop at it.</li>
     * </ul>
     *
     * @throws dev.judge.core.InvalidSubmissionException for flags it does not know or a bad tolerance
     */
    public static OutputComparator kattis(String validatorFlags) {
        return of(ComparatorSpec.kattis(validatorFlags));
    }

    static Comparison presentationError(String message) {
        return new Comparison(Comparison.Outcome.PRESENTATION_ERROR, 0, message + " (only whitespace differs)");
    }
}
