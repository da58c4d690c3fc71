package dev.judge.core.sandbox;

import dev.judge.core.JudgeException;

/** The sandbox cannot run commands at all. */
public class SandboxException extends JudgeException {
    private static final long serialVersionUID = 1L;

    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
