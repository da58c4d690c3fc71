package dev.judge.core.problem;

import java.util.Objects;

/**
 * The problem statement as the package has it: its text is kept, rendering is the host's business.
 *
 * @param language the statement's language code as the package names it ({@code en}, {@code english})
 * @param format   how the text is written
 * @param text     the statement
 * @param file     the package file it came from
 */
public record Statement(String language, Format format, String text, String file) {

    /** How a statement is written. */
    public enum Format { MARKDOWN, LATEX, HTML, TEXT }

    public Statement {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
    }
}
