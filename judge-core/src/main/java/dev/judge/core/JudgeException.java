package dev.judge.core;

/**
 * Base of every exception the judge throws on purpose. Unchecked: callers decide where to handle it.
 */
public class JudgeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JudgeException(String message) {
        super(message);
    }

    public JudgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
