package dev.judge.demo.web;

/** One entry of a Problem Details {@code errors} array: which field is wrong, and why. */
public record FieldProblem(String field, String message) {
}
