package dev.judge.core.problem;

import java.time.Duration;

/**
 * How a package derives its time limit from its example submissions when it gives none, as problemtools'
 * {@code verifyproblem.py} does: the slowest run of the accepted solutions times {@code acToTimeLimit} is the exact
 * limit; the time limit is that rounded half up to a whole multiple of {@code resolutionSeconds} (at least one step),
 * and the high limit, which a solution expected to fail must still fail under, is the exact limit times
 * {@code timeLimitToTle} rounded the same way, at least one step above the time limit. The reader cannot run
 * programs: the host measures (see {@link PackageVerifier}), this computes.
 *
 * @param acToTimeLimit     Kattis 2023-07 {@code ac_to_time_limit}, legacy {@code time_multiplier}
 * @param timeLimitToTle    Kattis 2023-07 {@code time_limit_to_tle}, legacy {@code time_safety_margin}
 * @param resolutionSeconds Kattis 2023-07 {@code time_resolution}; 1 for the legacy format
 */
public record TimeLimitPolicy(double acToTimeLimit, double timeLimitToTle, double resolutionSeconds) {
    /** The legacy format's defaults: multiplier 5, safety margin 2, whole seconds. */
    public static final TimeLimitPolicy LEGACY = new TimeLimitPolicy(5.0, 2.0, 1.0);
    /** The 2023-07 format's defaults: 2.0, 1.5, whole seconds. */
    public static final TimeLimitPolicy V2023_07 = new TimeLimitPolicy(2.0, 1.5, 1.0);

    public TimeLimitPolicy {
        if (!(acToTimeLimit >= 1) || !(timeLimitToTle >= 1) || !(resolutionSeconds > 0)
                || !Double.isFinite(acToTimeLimit) || !Double.isFinite(timeLimitToTle)
                || !Double.isFinite(resolutionSeconds)) {
            throw new IllegalArgumentException("multipliers must be finite and at least 1, the resolution more than 0: "
                    + acToTimeLimit + ", " + timeLimitToTle + ", " + resolutionSeconds);
        }
    }

    /**
     * The time limit the slowest accepted run gives: {@code max(1, round(slowest × acToTimeLimit / resolution))
     * × resolution}, rounding half up ({@code int(0.5 + x)} in problemtools).
     */
    public Duration limitFor(Duration slowestAccepted) {
        return steps(Math.max(1, roundHalfUp(exact(slowestAccepted) / resolutionSeconds)));
    }

    /**
     * The high limit of the slowest accepted run: {@code max(limit + 1 step, round(slowest × acToTimeLimit ×
     * timeLimitToTle / resolution) × resolution)}. A solution expected to fail that fails only under the time limit
     * but passes under this one is too close to the limit to be trusted.
     */
    public Duration highLimitFor(Duration slowestAccepted) {
        long limitSteps = Math.max(1, roundHalfUp(exact(slowestAccepted) / resolutionSeconds));
        return steps(Math.max(limitSteps + 1, roundHalfUp(exact(slowestAccepted) * timeLimitToTle / resolutionSeconds)));
    }

    private double exact(Duration slowestAccepted) {
        if (slowestAccepted == null || slowestAccepted.isNegative()) {
            throw new IllegalArgumentException("slowestAccepted must be a duration >= 0, was " + slowestAccepted);
        }
        return seconds(slowestAccepted) * acToTimeLimit;
    }

    private static long roundHalfUp(double x) {
        return (long) Math.floor(0.5 + x + 1e-9);
    }

    private Duration steps(long steps) {
        return Duration.ofNanos(Math.round(steps * resolutionSeconds * 1e9));
    }

    /** The time an upper-bounding (must time out) solution must at least take under {@code limit}. */
    public Duration tooSlowFrom(Duration limit) {
        return Duration.ofNanos(Math.round(seconds(limit) * timeLimitToTle * 1e9));
    }

    /** Whether {@code fastestTooSlow}, the fastest slowest-run of the must-time-out solutions, leaves the margin. */
    public boolean leavesMargin(Duration limit, Duration fastestTooSlow) {
        return fastestTooSlow.compareTo(tooSlowFrom(limit)) >= 0;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
