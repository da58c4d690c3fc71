package dev.judge.demo.results;

import dev.judge.core.model.GroupResult;

/** One scoring group's result as the server keeps and sends it: the verdict's code and the points. */
public record GroupDocument(String name, String verdict, double score, double maxScore) {

    public static GroupDocument of(GroupResult g) {
        return new GroupDocument(g.name(), g.verdict().code(), g.score(), g.maxScore());
    }
}
