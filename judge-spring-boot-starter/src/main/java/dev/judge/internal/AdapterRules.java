package dev.judge.internal;

import java.time.Duration;
import java.util.Objects;

/** Rules the JDBC and Redis adapters share. Internal to the starter. */
public final class AdapterRules {

    private static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);

    private AdapterRules() {
    }

    /** Checks a builder's poll interval: more than zero, at most a minute. */
    public static Duration pollInterval(Duration pollInterval) {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw new IllegalArgumentException("pollInterval must be more than 0 and at most 1 minute, was "
                    + pollInterval);
        }
        return pollInterval;
    }
}
