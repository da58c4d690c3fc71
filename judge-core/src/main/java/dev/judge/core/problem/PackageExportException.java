package dev.judge.core.problem;

import dev.judge.core.JudgeException;

/** A problem that cannot be written as a package: the format cannot say how it judges. */
public class PackageExportException extends JudgeException {
    private static final long serialVersionUID = 1L;

    public PackageExportException(String message) {
        super(message);
    }
}
