package dev.judge.demo.problem;

/** One source file of a checker: {@code name} null means the language's main file. */
public record SourceDto(String name, String content) {
}
