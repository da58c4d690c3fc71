package dev.judge.demo.run;

import dev.judge.core.model.RunResult;

/**
 * The outcome of one run: {@code verdict} AC when it exited 0 within its limits, else CE, TLE, MLE, OLE, RE, IE;
 * {@code cached} when an identical run (language, source, input, limits) answered from the result cache.
 */
public record RunView(String status, String verdict, String stdout, String stderr, int exitCode, int signal,
        long cpuTimeMillis, long wallTimeMillis, long memoryKiB, boolean outputTruncated, String compileOutput,
        String message, boolean cached) {

    static RunView of(RunCache.Outcome o) {
        RunResult r = o.result();
        return new RunView("FINISHED", r.verdict().code(), r.stdout(), r.stderr(), r.exitCode(), r.signal(),
                r.cpuTime().toMillis(), r.wallTime().toMillis(), r.peakMemory().bytes() / 1024, r.outputTruncated(),
                r.compileOutput(), r.message(), o.cached());
    }
}
