package dev.judge.core.model;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Verdict;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of running one program on custom input, without an expected output.
 *
 * @param verdict         {@code AC} when the program exited with code 0 within its limits; otherwise CE, TLE,
 *                        MLE, OLE, RE or IE as for a test
 * @param compileOutput   the compiler's (capped) output, or empty
 * @param stdout          what the program printed, as far as the output limit allowed (UTF-8, malformed bytes
 *                        replaced)
 * @param stderr          what the program printed on stderr, likewise
 * @param exitCode        the exit code, or -1 when it did not exit by itself (or did not run)
 * @param signal          the terminating signal, or 0
 * @param cpuTime         CPU time used
 * @param wallTime        wall time used
 * @param peakMemory      peak memory used
 * @param outputTruncated whether stdout or stderr was cut at the output limit
 * @param message         why, when the verdict is IE; else empty
 */
public record RunResult(
        Verdict verdict,
        String compileOutput,
        String stdout,
        String stderr,
        int exitCode,
        int signal,
        Duration cpuTime,
        Duration wallTime,
        ByteSize peakMemory,
        boolean outputTruncated,
        String message) {

    public RunResult {
        Objects.requireNonNull(verdict, "verdict");
        compileOutput = compileOutput == null ? "" : compileOutput;
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        Objects.requireNonNull(cpuTime, "cpuTime");
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(peakMemory, "peakMemory");
        message = message == null ? "" : message;
    }
}
