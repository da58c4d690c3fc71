package dev.judge.demo.problem;

import dev.judge.core.model.TestCase;
import java.nio.charset.StandardCharsets;

/** A test case with its data as UTF-8 text (the raw bytes are at {@code .../input} and {@code .../output}). */
public record TestCaseView(String name, double weight, String group, boolean hidden, String input,
        String expectedOutput) {

    static TestCaseView of(TestCase t) {
        return new TestCaseView(t.id(), t.weight(), t.group(), t.hidden(),
                new String(t.input(), StandardCharsets.UTF_8),
                t.expectedOutput() == null ? null : new String(t.expectedOutput(), StandardCharsets.UTF_8));
    }
}
