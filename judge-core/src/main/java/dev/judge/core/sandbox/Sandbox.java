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

    /**
     * Runs two commands at the same time, connected by two pipes: what {@code program} writes on its standard
     * output is {@code peer}'s standard input, and what {@code peer} writes on its standard output is
     * {@code program}'s standard input. This is how an interactive problem's submission talks to its
     * interactor. Each command runs in a fresh work dir of its own, under its own limits and as its own user,
     * so neither can reach the other but through the pipes; the requests' own stdin bytes are not used. Once a
     * command has ended, its partner reads end of file and a write of its gets a broken pipe. Blocks until both
     * have ended, each by itself or at its own limits; CPU time, memory and output are reported per command.
     *
     * @return both results and which command ended first; a failure of the sandbox itself is reported as
     *         {@link Termination#SANDBOX_FAILURE} in the result of the command it concerns
     * @throws SandboxException when the sandbox cannot run anything (closed, misconfigured)
     * @throws UnsupportedOperationException when this sandbox cannot connect two commands; the sandboxes of
     *         this project all can, and the sandbox TCK holds them to it
     */
    default PairResult runPair(SandboxRequest program, SandboxRequest peer) {
        throw new UnsupportedOperationException(name() + " sandbox cannot run two connected commands");
    }

    /** A short name for logs and health reports, for example {@code native} or {@code docker}. */
    String name();

    /**
     * Whether a run whose limits allow network ({@link dev.judge.core.model.Limits#network()}) gets it here, safely:
     * a network of its own that reaches neither the host nor private ranges. False where such a run is refused.
     */
    default boolean givesNetwork() {
        return false;
    }

    /** Releases everything the sandbox holds (helpers, pools, cgroups). Runs in progress are killed. */
    @Override
    default void close() {
    }
}
