package dev.judge.core.sandbox;

/** Why a sandboxed run stopped. A sandbox reports facts; verdicts are decided above it. */
public enum Termination {
    /** The command exited by itself; see the exit code. */
    EXITED,
    /** The command was killed by a signal it did not get from the sandbox; see the signal. */
    SIGNALED,
    /** CPU time limit reached. */
    CPU_TIME_LIMIT,
    /** Wall time limit reached; the sandbox killed it. */
    WALL_TIME_LIMIT,
    /** Memory limit reached (an OOM kill in the run's cgroup, or an allocation refused at the limit). */
    MEMORY_LIMIT,
    /** Output or file size limit reached. */
    OUTPUT_LIMIT,
    /** The sandbox itself failed; nothing is known of the command. */
    SANDBOX_FAILURE
}
