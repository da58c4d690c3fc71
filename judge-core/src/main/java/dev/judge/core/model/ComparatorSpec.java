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
     * A checker program, compiled and run in the sandbox for each test, speaking one of the common checker
     * protocols. A checker that fails (an exit its protocol does not know, a signal, a limit) makes the test a
     * judge failure (IE), never a verdict against the submission. Points a checker reports are in the unit of
     * the test's weight (a test of weight 0 counts as 1): a test's score is what its checker gave it.
     *
     * @param languageId the checker's language
     * @param sources    the checker's source files (at least one)
     * @param protocol   how the checker is called and what its exit and files mean
     * @param arguments  extra arguments, split at whitespace (no shell involved); for {@link Protocol#KATTIS}
     *                   the problem's {@code validator_flags}; {@link Protocol#TESTLIB} takes none. Null means
     *                   none; kept as the words joined by single spaces
     */
    record Checker(String languageId, List<SourceFile> sources, Protocol protocol, String arguments)
            implements ComparatorSpec {

        /** Longest {@link #arguments()} accepted, in characters. */
        public static final int MAX_ARGUMENTS_LENGTH = 1000;

        /** How a checker program is called and what it reports. */
        public enum Protocol {
            /**
             * A testlib checker ({@code testlib.h}, as Codeforces and Polygon run them):
             * {@code checker input output answer result -appes}, with the test's input, the program's output
             * and the expected answer as files. The exit code and what testlib writes to the result file (or, from
             * checkers that ignore it, the outcome line on stderr) decide, as
             * {@link dev.judge.core.compare.protocol.TestlibProtocol} reads them: 0 accepted, 1 wrong answer,
             * 2/4/8 presentation error, 3 judge failure, 7 points ({@code quitp}), {@code _pc(n)} n percent.
             */
            TESTLIB,
            /**
             * A Kattis/DOMjudge output validator: {@code validator input judge_answer feedback_dir [arguments]}
             * with the program's output on its stdin. Exit 42 accepted, 43 wrong answer, anything else a judge
             * failure; {@code judgemessage.txt} is the checker message, {@code teammessage.txt} follows it
             * after {@code "team message: "}, and {@code score.txt} gives the test's score, as
             * {@link dev.judge.core.compare.protocol.OutputValidatorProtocol} reads them.
             */
            KATTIS
        }

        public Checker {
            Checks.notBlank(languageId, "comparator.languageId");
            Checks.notNull(sources, "comparator.sources");
            Checks.check(!sources.isEmpty(), "comparator.sources", "must hold at least one file");
            sources = List.copyOf(sources);
            Checks.notNull(protocol, "comparator.protocol");
            String words = arguments == null ? "" : arguments.strip();
            Checks.check(words.length() <= MAX_ARGUMENTS_LENGTH, "comparator.arguments",
                    () -> "must be at most " + MAX_ARGUMENTS_LENGTH + " characters");
            Checks.check(words.indexOf('\0') < 0, "comparator.arguments", "must not contain NUL characters");
            arguments = words.isEmpty() ? "" : String.join(" ", words.split("\\s+"));
            Checks.check(arguments.isEmpty() || protocol == Protocol.KATTIS, "comparator.arguments",
                    "only a kattis output validator takes arguments");
        }

        /** A testlib checker. */
        public Checker(String languageId, List<SourceFile> sources) {
            this(languageId, sources, Protocol.TESTLIB, "");
        }

        /** {@link #arguments()} as the separate arguments the checker gets. */
        public List<String> argumentList() {
            return arguments.isEmpty() ? List.of() : List.of(arguments.split(" "));
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

    /** A testlib checker program in {@code languageId}; see {@link Checker.Protocol#TESTLIB}. */
    static Checker testlibChecker(String languageId, List<SourceFile> sources) {
        return new Checker(languageId, sources, Checker.Protocol.TESTLIB, "");
    }

    /**
     * A Kattis/DOMjudge output validator in {@code languageId}; see {@link Checker.Protocol#KATTIS}.
     *
     * @param validatorFlags passed to the validator after its three arguments, split at whitespace; null for none
     */
    static Checker kattisValidator(String languageId, List<SourceFile> sources, String validatorFlags) {
        return new Checker(languageId, sources, Checker.Protocol.KATTIS, validatorFlags);
    }
}
