package dev.judge.core.compare;

/**
 * Decides whether one run's output matches the expected output. Named to avoid {@link java.util.Comparator}.
 * Implementations other than the checker program are pure functions of their arguments.
 */
@FunctionalInterface
public interface OutputComparator {

    /**
     * @param input    the test's input
     * @param expected the expected output
     * @param actual   what the program printed
     */
    Comparison compare(byte[] input, byte[] expected, byte[] actual);
}
