package dev.judge.core.store;

import dev.judge.core.JudgeException;

/** The result store could not read or write; retriable when the backing service is unavailable. */
public class StoreException extends JudgeException {
    private static final long serialVersionUID = 1L;
    private final boolean retriable;

    public StoreException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
