package dev.judge.core.queue;

import dev.judge.core.JudgeException;

/**
 * The queue could not do what was asked. When {@link #isRetriable()} the same call may succeed later
 * (the broker is down or busy); the caller must not assume the job was accepted.
 */
public class QueueException extends JudgeException {
    private static final long serialVersionUID = 1L;
    private final boolean retriable;

    public QueueException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public QueueException(String message, boolean retriable) {
        this(message, retriable, null);
    }

    public boolean isRetriable() {
        return retriable;
    }
}
