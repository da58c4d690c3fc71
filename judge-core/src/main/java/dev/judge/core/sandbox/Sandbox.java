package dev.judge.core.sandbox;

/**
 * Runs one command under limits and reports what happened. Implementations are thread-safe: the judge
 * calls {@link #run} from many threads at once, each call in its own fresh work dir.
 *
 * <p>A sandbox decides nothing about verdicts; it reports exit code or signal, capped output, CPU time,
 * wall time, peak memory and the reason it stopped.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Runs the command and blocks until it and every process it started have ended.
     *
     * @return the result; a failure of the sandbox itself is reported as {@link Termination#SANDBOX_FAILURE}
     *         or thrown as {@link SandboxException} when nothing about the run can be said
     * @throws SandboxException when the sandbox cannot run anything (closed, misconfigured)
     */
    SandboxResult run(SandboxRequest request);

    /** A short name for logs and health reports, for example {@code native} or {@code docker}. */
    String name();

    /** Releases everything the sandbox holds (helpers, pools, cgroups). Runs in progress are killed. */
    @Override
    default void close() {
    }
}
