package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxResult;

/**
 * One attempt at a run on one container.
 *
 * @param result        what the caller gets
 * @param recycle       whether the container must be replaced rather than reused
 * @param containerGone the runner's stream had ended before it answered anything, not by an OOM kill: the
 *                      run may go again on another container
 * @param endedAtMicros when the runner reaped the command, on the machine's monotonic clock (which every
 *                      container shares) in microseconds; 0 when the runner did not say
 */
record RunOutcome(SandboxResult result, boolean recycle, boolean containerGone, long endedAtMicros) {
    RunOutcome(SandboxResult result, boolean recycle, boolean containerGone) {
        this(result, recycle, containerGone, 0);
    }

    RunOutcome(SandboxResult result, boolean recycle) {
        this(result, recycle, false, 0);
    }
}
