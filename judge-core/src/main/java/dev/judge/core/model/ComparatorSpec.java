package dev.judge.core.model;

import dev.judge.core.InvalidSubmissionException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * How a run's output is compared with the expected output. A closed set; the pipeline turns each into an
 * {@link dev.judge.core.compare.OutputComparator}.
 */
public sealed interface ComparatorSpec {

    /** Byte for byte. */
    record Exact() implements ComparatorSpec {
    }

    /** Line by line, ignoring trailing whitespace on each line and trailing blank lines (Judge0's default). */
    record Lines() implements ComparatorSpec {
    }

    /** Whitespace-separated tokens; any amount and kind of whitespace between them. */
    record Tokens() implements ComparatorSpec {
    }

    /** Tokens, where numeric tokens match within an absolute or a relative tolerance. */
    record Floats(double absoluteTolerance, double relativeTolerance) implements ComparatorSpec {
        public Floats {
            Checks.check(Double.isFinite(absoluteTolerance) && absoluteTolerance >= 0,
                    "comparator.absoluteTolerance", "must be a finite number >= 0, was " + absoluteTolerance);
            Checks.check(Double.isFinite(relativeTolerance) && relativeTolerance >= 0,
                    "comparator.relativeTolerance", "must be a finite number >= 0, was " + relativeTolerance);
        }
    }

    /** The same lines in any order (trailing whitespace ignored as for {@link Lines}, blank lines ignored). */
    record UnorderedLines() implements ComparatorSpec {
    }

    /** As {@link Lines}, ignoring letter case. */
    record CaseInsensitive() implements ComparatorSpec {
    }

    /**
     * The default output validator of the Kattis problem package format (problemtools' {@code default_validator},
     * which DOMjudge ships as its default {@code compare}), configured by its {@code validator_flags}: tokens
     * compared ignoring ASCII letter case and whitespace unless {@code case_sensitive} or
     * {@code space_change_sensitive} is given, and numbers within a tolerance once
     * {@code float_absolute_tolerance}, {@code float_relative_tolerance} or {@code float_tolerance} (both) is
     * given. {@link dev.judge.core.compare.Comparators#kattis(String)} describes the comparison exactly.
     *
     * @param caseSensitive        {@code case_sensitive}: tokens that are not numbers must match in case
     * @param spaceChangeSensitive {@code space_change_sensitive}: the whitespace must match byte for byte
     * @param absoluteTolerance    {@code float_absolute_tolerance}, finite and at least 0; empty when not given
     * @param relativeTolerance    {@code float_relative_tolerance}, finite and at least 0, relative to the judge's
     *                             value; empty when not given
     */
    record Kattis(boolean caseSensitive, boolean spaceChangeSensitive, OptionalDouble absoluteTolerance,
            OptionalDouble relativeTolerance) implements ComparatorSpec {
        public Kattis {
            Checks.notNull(absoluteTolerance, "comparator.absoluteTolerance");
            Checks.notNull(relativeTolerance, "comparator.relativeTolerance");
            absoluteTolerance.ifPresent(t -> Checks.check(Double.isFinite(t) && t >= 0,
                    "comparator.absoluteTolerance", "must be a finite number >= 0, was " + t));
            relativeTolerance.ifPresent(t -> Checks.check(Double.isFinite(t) && t >= 0,
                    "comparator.relativeTolerance", "must be a finite number >= 0, was " + t));
        }

        /**
         * Parses {@code validator_flags} as the default validator reads its arguments: whitespace-separated
         * words, in order, a later tolerance replacing an earlier one ({@code float_tolerance X} sets both).
         * A tolerance is a finite number as C's {@code strtod} reads it (decimal or hexadecimal, for example
         * {@code 1e-6}, {@code .5}, {@code 0x1p-20}); unlike problemtools, which reads a negative tolerance as
         * "not given", a negative one is refused as the mistake it is.
         *
         * @param validatorFlags the flags; null or blank for the defaults
         * @throws InvalidSubmissionException naming {@code comparator.flags} for an unknown flag, a tolerance
         *                                    without its value, or a value that is not a finite number >= 0
         */
        public static Kattis parse(String validatorFlags) {
            boolean caseSensitive = false;
            boolean spaceChangeSensitive = false;
            OptionalDouble abs = OptionalDouble.empty();
            OptionalDouble rel = OptionalDouble.empty();
            String trimmed = validatorFlags == null ? "" : validatorFlags.strip();
            String[] words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String flag = words[i];
                switch (flag) {
                    case "case_sensitive" -> caseSensitive = true;
                    case "space_change_sensitive" -> spaceChangeSensitive = true;
                    case "float_absolute_tolerance", "float_relative_tolerance", "float_tolerance" -> {
                        Checks.check(i + 1 < words.length, "comparator.flags", () -> flag + " needs a number after it");
                        OptionalDouble value = OptionalDouble.of(tolerance(flag, words[++i]));
                        if (!flag.equals("float_relative_tolerance")) {
                            abs = value;
                        }
                        if (!flag.equals("float_absolute_tolerance")) {
                            rel = value;
                        }
                    }
                    default -> throw new InvalidSubmissionException("comparator.flags",
                            "unknown flag '" + flag + "'; known: case_sensitive, space_change_sensitive,"
                                    + " float_absolute_tolerance X, float_relative_tolerance X, float_tolerance X");
                }
            }
            return new Kattis(caseSensitive, spaceChangeSensitive, abs, rel);
        }

        /** The flags again, canonical: each flag once, in the order of the record's components. */
        public String flags() {
            StringBuilder sb = new StringBuilder();
            if (caseSensitive) {
                sb.append(" case_sensitive");
            }
            if (spaceChangeSensitive) {
                sb.append(" space_change_sensitive");
            }
            absoluteTolerance.ifPresent(t -> sb.append(" float_absolute_tolerance ").append(t));
            relativeTolerance.ifPresent(t -> sb.append(" float_relative_tolerance ").append(t));
            return sb.toString().strip();
        }

        // What C's strtod reads as a whole finite number; infinities and NaN are refused below or here.
        private static final Pattern C_NUMBER = Pattern.compile(
                "[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?"
                        + "|0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?\\d+)?)");

        private static double tolerance(String flag, String word) {
            Checks.check(C_NUMBER.matcher(word).matches(), "comparator.flags",
                    () -> flag + " must be followed by a number, was '" + word + "'");
            boolean hex = word.indexOf('x') >= 0 || word.indexOf('X') >= 0;
            boolean hasExponent = word.indexOf('p') >= 0 || word.indexOf('P') >= 0;
            double value = Double.parseDouble(hex && !hasExponent ? word + "p0" : word);
            Checks.check(Double.isFinite(value) && value >= 0, "comparator.flags",
                    () -> flag + " must be a finite number >= 0, was '" + word + "'");
            return value;
        }
    }

    /**
     * A checker program, compiled and run in the sandbox, speaking the testlib exit protocol
     * (0 accepted, 1 wrong answer, 2 presentation error, 3 judge failure, 7 partial points).
     * It is called as {@code checker input.txt output.txt answer.txt} with the three files in its work dir.
     * For partial points the first whitespace-separated token of its stdout (of its stderr when stdout is
     * empty) is the earned share of the test's weight, a number in [0, 1]. Its stderr is the test's checker
     * message. Any other exit, a signal or a limit is a judge failure (IE) for the test.
     */
    record Checker(String languageId, List<SourceFile> sources) implements ComparatorSpec {
        public Checker {
            Checks.notBlank(languageId, "comparator.languageId");
            Checks.notNull(sources, "comparator.sources");
            Checks.check(!sources.isEmpty(), "comparator.sources", "must hold at least one file");
            sources = List.copyOf(sources);
        }
    }

    static ComparatorSpec exact() {
        return new Exact();
    }

    static ComparatorSpec lines() {
        return new Lines();
    }

    static ComparatorSpec tokens() {
        return new Tokens();
    }

    static ComparatorSpec floats(double absoluteTolerance, double relativeTolerance) {
        return new Floats(absoluteTolerance, relativeTolerance);
    }

    static ComparatorSpec unorderedLines() {
        return new UnorderedLines();
    }

    static ComparatorSpec caseInsensitive() {
        return new CaseInsensitive();
    }

    /**
     * The Kattis default output validator with these {@code validator_flags}; see {@link Kattis#parse(String)}.
     *
     * @param validatorFlags for example {@code "case_sensitive float_tolerance 1e-6"}; null or blank for the defaults
     */
    static Kattis kattis(String validatorFlags) {
        return Kattis.parse(validatorFlags);
    }
}
