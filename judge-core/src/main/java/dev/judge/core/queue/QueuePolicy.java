package dev.judge.core.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * Delivery rules shared by every queue implementation.
 *
 * @param visibilityTimeout how long a claim is leased before the job is handed out again
 * @param maxAttempts       deliveries before a job goes to the dead letters
 * @param initialBackoff    delay before the first retry after a failure
 * @param maxBackoff        the retry delay doubles per attempt up to this
 */
public record QueuePolicy(Duration visibilityTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public QueuePolicy {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new IllegalArgumentException("visibilityTimeout must be positive, was " + visibilityTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, was "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /** 5 minute lease, 3 attempts, backoff 1 s doubling to 1 min. */
    public static QueuePolicy defaults() {
        return new QueuePolicy(Duration.ofMinutes(5), 3, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** The delay before delivery number {@code attempt + 1} after {@code attempt} failed deliveries. */
    public Duration backoff(int attempt) {
        if (attempt <= 0) {
            return Duration.ZERO;
        }
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
