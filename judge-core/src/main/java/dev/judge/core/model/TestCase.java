package dev.judge.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One test of a submission.
 *
 * @param id             unique within the submission, reported back in its result
 * @param input          bytes fed to stdin
 * @param expectedOutput what a correct program prints; {@code null} for a run without a check
 * @param weight         share of the score, at least 0
 * @param group          subtask this test belongs to, or {@code null}; a group scores only if all its tests pass
 * @param hidden         whether the test's data may be shown to the submitter
 */
public record TestCase(String id, byte[] input, byte[] expectedOutput, double weight, String group, boolean hidden) {
    public TestCase {
        Checks.notBlank(id, "tests.id");
        Checks.notNull(input, "tests[" + id + "].input");
        Checks.check(Double.isFinite(weight) && weight >= 0, "tests[" + id + "].weight",
                "must be a finite number >= 0, was " + weight);
    }

    /** A visible test of weight 1 without a group. */
    public static TestCase of(String id, byte[] input, byte[] expectedOutput) {
        return new TestCase(id, input, expectedOutput, 1.0, null, false);
    }

    /** A visible test of weight 1 without a group, from UTF-8 text. */
    public static TestCase of(String id, String input, String expectedOutput) {
        return of(id, input.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                expectedOutput == null ? null : expectedOutput.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public TestCase withWeight(double w) {
        return new TestCase(id, input, expectedOutput, w, group, hidden);
    }

    public TestCase inGroup(String g) {
        return new TestCase(id, input, expectedOutput, weight, g, hidden);
    }

    public TestCase asHidden() {
        return new TestCase(id, input, expectedOutput, weight, group, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestCase t && id.equals(t.id) && Arrays.equals(input, t.input)
                && Arrays.equals(expectedOutput, t.expectedOutput) && weight == t.weight
                && Objects.equals(group, t.group) && hidden == t.hidden;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(input), Arrays.hashCode(expectedOutput), weight, group, hidden);
    }

    @Override
    public String toString() {
        return "TestCase[id=" + id + ", input=" + input.length + "B, expected="
                + (expectedOutput == null ? "none" : expectedOutput.length + "B")
                + ", weight=" + weight + ", group=" + group + ", hidden=" + hidden + "]";
    }
}
