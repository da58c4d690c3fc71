package dev.judge.demo.plagiarism;

/** One normalised token of a source and the line (1-based) it starts on. */
record Token(String text, int line) {
}
