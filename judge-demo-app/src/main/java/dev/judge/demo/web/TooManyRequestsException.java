package dev.judge.demo.web;

import java.time.Duration;

/** The server has no room for this request now; reported as 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1, as the header takes them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
