package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxResult;

/**
 * One attempt at a run on one container.
 *
 * @param result        what the caller gets
 * @param recycle       whether the container must be replaced rather than reused
 * @param containerGone the runner's stream had ended before it answered anything, not by an OOM kill: the
 *                      run may go again on another container
 */
record RunOutcome(SandboxResult result, boolean recycle, boolean containerGone) {
    RunOutcome(SandboxResult result, boolean recycle) {
        this(result, recycle, false);
    }
}
