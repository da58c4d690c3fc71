package dev.judge.core.problem;

import dev.judge.core.JudgeException;
import java.util.Objects;

/**
 * A package the reader refuses: broken, unsafe, past a cap, or needing a feature the judge cannot honour
 * (judging it anyway would give wrong verdicts). The message names the file, and the key or line where known.
 */
public class PackageRejectedException extends JudgeException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public PackageRejectedException(String file, String message) {
        super((file == null || file.isEmpty() ? "" : file + ": ") + message);
        this.file = file == null ? "" : file;
    }

    public PackageRejectedException(String file, String message, Throwable cause) {
        super((file == null || file.isEmpty() ? "" : file + ": ") + message, cause);
        this.file = file == null ? "" : file;
    }

    /** The package file at fault, relative to the package root ({@code problem.yaml}), or "" for the whole package. */
    public String file() {
        return Objects.requireNonNullElse(file, "");
    }
}
