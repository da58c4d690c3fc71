package dev.judge.core.sandbox;

import dev.judge.core.model.ByteSize;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one sandboxed command.
 *
 * @param termination     why it stopped
 * @param exitCode        exit code when it exited, else -1
 * @param signal          the killing signal when it was killed, else 0
 * @param stdout          standard output, at most {@code limits.outputSize()} bytes
 * @param stderr          standard error, at most {@code limits.outputSize()} bytes
 * @param outputTruncated whether stdout or stderr was cut at the limit
 * @param cpuTime         CPU time of all the run's processes
 * @param wallTime        elapsed time from start to the end of the last process
 * @param peakMemory      peak memory of the run
 * @param collected       files matching the request's collect patterns, read back from the work dir
 * @param message         a human-readable explanation for {@link Termination#SANDBOX_FAILURE}, else empty
 */
public record SandboxResult(
        Termination termination,
        int exitCode,
        int signal,
        byte[] stdout,
        byte[] stderr,
        boolean outputTruncated,
        Duration cpuTime,
        Duration wallTime,
        ByteSize peakMemory,
        List<SandboxFile> collected,
        String message) {

    public SandboxResult {
        Objects.requireNonNull(termination, "termination");
        stdout = stdout == null ? new byte[0] : stdout;
        stderr = stderr == null ? new byte[0] : stderr;
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(peakMemory, "peakMemory");
        collected = List.copyOf(collected == null ? List.of() : collected);
        message = message == null ? "" : message;
    }

    /** A failure of the sandbox itself. */
    public static SandboxResult failure(String message) {
        return new SandboxResult(Termination.SANDBOX_FAILURE, -1, 0, new byte[0], new byte[0], false,
                Duration.ZERO, Duration.ZERO, ByteSize.ZERO, List.of(), message);
    }

    /** Whether the command exited by itself with code 0. */
    public boolean succeeded() {
        return termination == Termination.EXITED && exitCode == 0;
    }
}
