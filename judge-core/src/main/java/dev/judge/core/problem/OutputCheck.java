package dev.judge.core.problem;

import dev.judge.core.model.ComparatorSpec;
import java.util.Objects;

/** How a package judges a program's output: a built-in comparison or a checker program it brings. */
public sealed interface OutputCheck {

    /** A comparison the judge has built in, such as the Kattis default validator with its flags. */
    record BuiltIn(ComparatorSpec comparator) implements OutputCheck {
        public BuiltIn {
            Objects.requireNonNull(comparator, "comparator");
        }
    }

    /**
     * A checker program of the package.
     *
     * @param program   the checker's source
     * @param protocol  how it is called and how it reports
     * @param arguments extra arguments the package gives it ({@code validator_flags}), "" for none
     */
    record CheckerProgram(Program program, Protocol protocol, String arguments) implements OutputCheck {
        public CheckerProgram {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(protocol, "protocol");
            arguments = Objects.requireNonNullElse(arguments, "");
        }
    }

    /** How a checker program is called and how it reports. */
    enum Protocol {
        /** testlib: {@code checker input output answer}, exit 0 OK, 1 WA, 2 PE, 3 fail, 7 points. */
        TESTLIB,
        /**
         * Kattis/DOMjudge output validator: {@code validator input answer feedback_dir [arguments] < output},
         * exit 42 accepted, 43 wrong answer.
         */
        KATTIS
    }
}
