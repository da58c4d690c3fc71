package dev.judge.demo.problem;

/** A test case without its data: what a listing shows. */
public record TestSummary(String name, double weight, String group, boolean hidden, long inputBytes,
        Long expectedOutputBytes) {
}
