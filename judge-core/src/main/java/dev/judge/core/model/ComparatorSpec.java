package dev.judge.core.model;

import java.util.List;

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
}
