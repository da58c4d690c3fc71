package dev.judge.demo.problem;

import java.util.List;

/** One page of the problem listing, {@code page} counted from 0. */
public record ProblemPage(List<ProblemSummary> items, int page, int size, long total) {
}
