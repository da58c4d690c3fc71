package dev.judge.core.compare;

import dev.judge.core.compare.tck.OutputComparatorContract;
import org.junit.jupiter.api.Nested;

/** Every built-in comparator held to the comparator TCK. */
class BuiltInComparatorsContractTest {

    @Nested
    class Exact extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.exact();
        }
    }

    @Nested
    class Lines extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.lines();
        }
    }

    @Nested
    class Tokens extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.tokens();
        }
    }

    @Nested
    class Floats extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.floats(1e-6, 1e-6);
        }
    }

    @Nested
    class UnorderedLines extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.unorderedLines();
        }
    }

    @Nested
    class CaseInsensitive extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.caseInsensitive();
        }
    }

    @Nested
    class Kattis extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.kattis(null);
        }
    }

    @Nested
    class KattisWithEveryFlag extends OutputComparatorContract {
        @Override
        protected OutputComparator comparator() {
            return Comparators.kattis("case_sensitive space_change_sensitive float_tolerance 1e-6");
        }
    }
}
