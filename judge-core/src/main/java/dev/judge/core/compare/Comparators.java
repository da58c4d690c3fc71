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

    static Comparison presentationError(String message) {
        return new Comparison(Comparison.Outcome.PRESENTATION_ERROR, 0, message + " (only whitespace differs)");
    }
}
