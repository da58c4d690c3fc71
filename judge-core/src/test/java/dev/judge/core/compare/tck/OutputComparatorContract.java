package dev.judge.core.compare.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.OutputComparator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OutputComparator} passes, the built-in ones and a checker program alike. An
 * implementation's test extends this class and supplies the comparator. The cases hold for any sensible
 * comparison rule: identical output is accepted, a changed answer is not, no input makes it throw, and the
 * answer depends on the arguments only.
 */
public abstract class OutputComparatorContract {

    /** The comparator under test. */
    protected abstract OutputComparator comparator();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final List<String> SAMPLES = List.of(
            "3\n",
            "1 2 3\n4 5 6\n",
            "hello world\n",
            "0.5 -1e-9 12345678901234567890\n",
            "Grüße, 世界\n",
            "a\n\nb\n");

    private Comparison compare(String input, String expected, String actual) {
        return comparator().compare(bytes(input), bytes(expected), bytes(actual));
    }

    private static void assertWellFormed(Comparison c) {
        assertThat(c).isNotNull();
        assertThat(c.outcome()).isNotNull();
        assertThat(c.fraction()).isBetween(0.0, 1.0);
        assertThat(c.message()).isNotNull();
    }

    @Test
    void acceptsIdenticalOutputWithFullMarks() {
        for (String s : SAMPLES) {
            Comparison c = compare("1 2\n", s, s);
            assertThat(c.outcome()).as("identical output %s", s).isEqualTo(Comparison.Outcome.ACCEPTED);
            assertThat(c.fraction()).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsAChangedAnswerAndSaysWhy() {
        Comparison c = compare("1 2\n", "3\n", "4\n");
        assertWellFormed(c);
        assertThat(c.isAccepted()).isFalse();
        assertThat(c.fraction()).isLessThan(1.0);
        assertThat(c.message()).isNotBlank();
        Comparison longer = compare("", "1 2 3\n", "1 2 3 4\n");
        assertThat(longer.isAccepted()).as("an extra token").isFalse();
    }

    @Test
    void rejectsEmptyOutputWhereSomethingWasExpected() {
        Comparison c = compare("", "42\n", "");
        assertWellFormed(c);
        assertThat(c.isAccepted()).isFalse();
    }

    @Test
    void neverThrowsOnBinaryOrInvalidUtf8() {
        byte[] junk = {(byte) 0xff, (byte) 0xfe, 0, 10, (byte) 0xc3, (byte) 0x28, 13, 10, (byte) 0x80};
        assertWellFormed(comparator().compare(junk, bytes("3\n"), junk));
        assertWellFormed(comparator().compare(new byte[0], junk, bytes("3\n")));
        Comparison same = comparator().compare(new byte[0], junk, junk.clone());
        assertWellFormed(same);
        assertThat(same.isAccepted()).as("identical bytes, even invalid UTF-8").isTrue();
    }

    @Test
    void answersTheSameForTheSameArguments() {
        Comparison first = compare("1 2\n", "3\n", "5\n");
        Comparison second = compare("1 2\n", "3\n", "5\n");
        assertThat(second.outcome()).isEqualTo(first.outcome());
        assertThat(second.fraction()).isEqualTo(first.fraction());
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                answers.add(pool.submit(() -> compare("", n + "\n", (n % 2 == 0 ? n : n + 1) + "\n").isAccepted()));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).as("answer %d", i).isEqualTo(i % 2 == 0);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
